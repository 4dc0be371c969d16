"""Staff pages of the directory: partners keep their organisation's offers (changes wait for the
coordinator's approval), coordinators keep all of them and decide on the proposals."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from anlaufstelle.core.models import Organisation, Role
from anlaufstelle.core.permissions import staff_view

from ..forms import DecisionForm, ImportForm, OfferForm
from ..models import Offer, OfferChange
from ..selectors import offers_of_editor
from ..services import (
    OfferEditError,
    offer_change_decide,
    offer_mark_checked,
    offer_publish,
    offer_save,
    offer_values,
)
from ..services.importing import CSV_COLUMNS, ImportError_, offers_import, read_upload


def _stale_before() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=settings.OFFERS_CHECK_INTERVAL_DAYS)


@staff_view("offers.edit_offers")
def offer_list(request: HttpRequest) -> HttpResponse:
    offers = offers_of_editor(request.user)
    only_stale = request.GET.get("ueberfaellig") == "1"
    if only_stale:
        offers = offers.filter(last_checked_on__lt=_stale_before())
    page = Paginator(offers, 50).get_page(request.GET.get("page"))
    pending = set(
        OfferChange.objects.filter(state=OfferChange.State.PENDING, offer__in=[o.pk for o in page]).values_list(
            "offer_id", flat=True
        )
    )
    return render(
        request,
        "offers/staff/list.html",
        {
            "page": page,
            "pending": pending,
            "stale_before": _stale_before(),
            "only_stale": only_stale,
            "query": "ueberfaellig=1" if only_stale else "",
            "approvals": OfferChange.objects.filter(state=OfferChange.State.PENDING).count()
            + Offer.objects.filter(publication=Offer.Publication.PENDING).count()
            if request.user.has_perm("offers.approve_changes")
            else None,
        },
    )


def _save(
    request: HttpRequest, form: OfferForm, *, offer: Offer | None, organisation_id: int, done: str, waiting: str
) -> HttpResponse | None:
    """Save the form through ``offer_save`` and go to the offer's page with ``done`` (or ``waiting``
    when it waits for approval); None with the error on the form when the change cannot be made."""
    try:
        saved = offer_save(
            offer=offer,
            organisation_id=organisation_id,
            values=form.values(),
            editor=request.user,  # type: ignore[arg-type]
        )
    except OfferEditError as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, done if saved.applied else waiting)
    return redirect("offers:staff_edit", pk=saved.offer.pk)


def _organisation_id(request: HttpRequest) -> int:
    if request.user.role == Role.PARTNER_EDITOR:  # type: ignore[union-attr]
        return request.user.organisation_id  # type: ignore[union-attr,return-value]
    organisation = get_object_or_404(
        Organisation, pk=request.POST.get("organisation") or request.GET.get("organisation")
    )
    return organisation.pk


@staff_view("offers.edit_offers")
def offer_create(request: HttpRequest) -> HttpResponse:
    is_partner = request.user.role == Role.PARTNER_EDITOR  # type: ignore[union-attr]
    form = OfferForm(request.POST or None, initial={"status": Offer.Status.ACTIVE, "cost": Offer.Cost.FREE})
    organisations = [] if is_partner else list(Organisation.objects.order_by("name"))
    if request.method == "POST" and form.is_valid():
        response = _save(
            request,
            form,
            offer=None,
            organisation_id=_organisation_id(request),
            done=_("Das Angebot ist angelegt."),
            waiting=_("Das Angebot ist angelegt und wird nach der Freigabe veröffentlicht."),
        )
        if response is not None:
            return response
    return render(request, "offers/staff/form.html", {"form": form, "offer": None, "organisations": organisations})


@staff_view("offers.edit_offers")
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.select_related("organisation", "last_checked_by"), pk=pk)
    if not request.user.has_perm("offers.change_offer", offer):
        raise PermissionDenied
    pending = OfferChange.objects.filter(offer=offer, state=OfferChange.State.PENDING).first()
    if request.method == "POST" and request.POST.get("action") == "checked":
        offer_mark_checked(offer=offer, user=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Danke! Das Angebot ist als geprüft markiert."))
        return redirect("offers:staff_edit", pk=offer.pk)
    initial = offer_values(offer)
    if pending is not None:
        initial.update(pending.proposed)
    form = OfferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        response = _save(
            request,
            form,
            offer=offer,
            organisation_id=offer.organisation_id,
            done=_("Die Änderungen sind gespeichert."),
            waiting=_("Ihre Änderungen sind eingereicht und werden nach der Freigabe sichtbar."),
        )
        if response is not None:
            return response
    return render(
        request,
        "offers/staff/form.html",
        {
            "form": form,
            "offer": offer,
            "pending": pending,
            "stale": offer.last_checked_on < _stale_before(),
        },
    )


@staff_view("offers.approve_changes")
def approvals(request: HttpRequest) -> HttpResponse:
    """Partners' proposals and new offers waiting for the coordinator, oldest first."""
    if request.method == "POST":
        decision = request.POST.get("decision")
        form = DecisionForm(request.POST)
        form.is_valid()
        try:
            if request.POST.get("offer"):
                offer = get_object_or_404(Offer, pk=request.POST["offer"], publication=Offer.Publication.PENDING)
                offer_publish(offer=offer, decided_by=request.user)  # type: ignore[arg-type]
            else:
                change = get_object_or_404(OfferChange, pk=request.POST.get("change"))
                offer_change_decide(
                    change=change,
                    approve=decision == "approve",
                    decided_by=request.user,  # type: ignore[arg-type]
                    comment=form.cleaned_data.get("comment", ""),
                )
        except OfferEditError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Die Entscheidung ist gespeichert."))
        return redirect("offers:staff_approvals")
    changes = (
        OfferChange.objects.filter(state=OfferChange.State.PENDING)
        .select_related("offer__organisation", "author")
        .prefetch_related("offer__topics", "offer__life_situations", "offer__languages")  # for offer_values
        .order_by("created_at")
    )
    rows = []
    labels = {name: str(field.label) for name, field in OfferForm.base_fields.items()}
    for change in changes:
        current = offer_values(change.offer)
        rows.append(
            (
                change,
                [(labels.get(name, name), current.get(name), value) for name, value in sorted(change.proposed.items())],
            )
        )
    return render(
        request,
        "offers/staff/approvals.html",
        {
            "rows": rows,
            "new_offers": Offer.objects.filter(publication=Offer.Publication.PENDING).select_related("organisation"),
        },
    )


@staff_view("offers.import_offers")
def import_offers(request: HttpRequest) -> HttpResponse:
    """The coordinator imports offers from an HSDS export or a CSV file; a dry run first."""
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            records = read_upload(upload.name, upload.read())
        except ImportError_ as error:
            form.add_error("file", str(error))
        else:
            report = offers_import(
                records=records,
                editor=request.user,  # type: ignore[arg-type]
                dry_run=not form.cleaned_data["apply"],
            )
    return render(
        request,
        "offers/staff/import.html",
        {
            "form": form,
            "report": report,
            "columns": CSV_COLUMNS,
            "created": report.count("created") if report else 0,
            "changed": report.count("changed") if report else 0,
            "unchanged": report.count("unchanged") if report else 0,
        },
    )


urlpatterns = [
    path("mitarbeit/angebote/", offer_list, name="staff_list"),
    path("mitarbeit/angebote/neu/", offer_create, name="staff_create"),
    path("mitarbeit/angebote/<int:pk>/", offer_edit, name="staff_edit"),
    path("mitarbeit/angebote/freigaben/", approvals, name="staff_approvals"),
    path("mitarbeit/angebote/import/", import_offers, name="staff_import"),
]
