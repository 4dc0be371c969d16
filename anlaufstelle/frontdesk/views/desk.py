"""The desk (Empfang): check-in by QR code, booking code or name and birth date, walk-in tickets
with a printable slip, and the queue figures with estimated waiting times."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from anlaufstelle.appointments.models import Booking, Location, Service
from anlaufstelle.core.links import absolute_url
from anlaufstelle.core.middleware import request_id
from anlaufstelle.core.models import AuditAction
from anlaufstelle.core.permissions import staff_view
from anlaufstelle.core.qr import qr_svg
from anlaufstelle.core.services import audit_record

from ..forms import PersonSearchForm
from ..models import Ticket
from ..selectors import bookings_for_check_in, queue_overview, ticket_wait_estimate, walk_in_services
from ..services import (
    AlreadyCheckedIn,
    AppointmentMissed,
    FrontdeskError,
    booking_from_scan,
    ticket_check_in,
    ticket_issue,
    ticket_token,
)
from .common import desk_location


def _desk_context(request: HttpRequest, location: Location | None, locations: list[Location]) -> dict[str, Any]:
    return {
        "location": location,
        "locations": locations,
        "services": walk_in_services(),
        "all_services": list(Service.objects.filter(is_active=True).select_related("section")),
        "search_form": PersonSearchForm(),
        "queues": queue_overview(location=location) if location else [],
    }


@staff_view("frontdesk.use_desk")
def desk(request: HttpRequest) -> HttpResponse:
    """The desk's start page: scan field first, then name search, walk-in ticket, queues."""
    location, locations = desk_location(request)
    return render(request, "frontdesk/desk.html", _desk_context(request, location, locations))


@staff_view("frontdesk.use_desk")
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest) -> HttpResponse:
    """POST ``code`` (scanned or typed) or ``booking`` (chosen after a name search)."""
    location, locations = desk_location(request)
    if request.method != "POST" or location is None:
        return render(request, "frontdesk/check_in.html", _desk_context(request, location, locations))
    booking: Booking | None = None
    refusal: dict[str, Any]
    try:
        if request.POST.get("booking"):
            booking = (
                Booking.objects.select_related("service__section", "location")
                .filter(pk=request.POST["booking"])
                .first()
            )
            if booking is None:
                raise Http404
        else:
            booking = booking_from_scan(text=request.POST.get("code", ""))
        ticket = ticket_check_in(
            booking=booking,
            location=location,
            actor=request.user,
            assistance=bool(request.POST.get("assistance")),
            request_id=request_id(request),
        )
    except AlreadyCheckedIn as exc:
        refusal = {"error": str(exc), "existing": exc.ticket}
    except AppointmentMissed as exc:
        refusal = {"error": str(exc), "missed_service": booking.service if booking else None}
    except FrontdeskError as exc:
        refusal = {"error": str(exc)}
    else:
        messages.success(
            request,
            _("Eingecheckt: Wartemarke %(label)s für %(service)s.")
            % {"label": ticket.label, "service": ticket.service.name},
        )
        return redirect("frontdesk:ticket_detail", pk=ticket.pk)
    # The desk page (queues and all) is only built when it is shown again, not before a redirect.
    context = {**_desk_context(request, location, locations), **refusal}
    return render(request, "frontdesk/check_in.html", context, status=409)


@staff_view("frontdesk.use_desk")
def check_in_search(request: HttpRequest) -> HttpResponse:
    """Today's appointments by family name and birth date (audited like every person search)."""
    location, locations = desk_location(request)
    form = PersonSearchForm(request.GET or None)
    bookings: list[Booking] = []
    if form.is_valid() and location is not None:
        bookings = bookings_for_check_in(
            location=location,
            family_name=form.cleaned_data["family_name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
            day=timezone.localdate(),
        )
        audit_record(
            actor=request.user,
            action=AuditAction.SEARCH,
            object_type="appointments.booking",
            details={"results": [b.pk for b in bookings], "purpose": "check_in"},
            request_id=request_id(request),
        )
    context = _desk_context(request, location, locations)
    context.update(search_form=form, bookings=bookings, searched=form.is_valid())
    return render(request, "frontdesk/check_in_search.html", context)


@staff_view("frontdesk.use_desk")
@require_http_methods(["GET", "POST"])
def ticket_new(request: HttpRequest) -> HttpResponse:
    """Issue a walk-in ticket for a concern; the ticket page offers the printable slip."""
    location, locations = desk_location(request)
    if request.method != "POST" or location is None:
        return render(request, "frontdesk/ticket_new.html", _desk_context(request, location, locations))
    service = Service.objects.select_related("section").filter(pk=request.POST.get("service") or 0).first()
    if service is None:
        error = _("Bitte wählen Sie das Anliegen.")
    else:
        try:
            ticket = ticket_issue(
                location=location,
                service=service,
                actor=request.user,
                emergency=bool(request.POST.get("emergency")),
                assistance=bool(request.POST.get("assistance")),
            )
        except FrontdeskError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Wartemarke %(label)s ausgegeben.") % {"label": ticket.label})
            return redirect("frontdesk:ticket_detail", pk=ticket.pk)
    context = {**_desk_context(request, location, locations), "error": error}
    return render(request, "frontdesk/ticket_new.html", context, status=409)


def _ticket(pk: int) -> Ticket:
    ticket = (
        Ticket.objects.select_related("location", "section", "service", "counter", "booking__person")
        .filter(pk=pk)
        .first()
    )
    if ticket is None:
        raise Http404
    return ticket


def _status_url(ticket: Ticket) -> str:
    return absolute_url(reverse("frontdesk:ticket_status", args=[ticket_token(ticket)]))


@staff_view("frontdesk.view_queue")
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One ticket for the desk: number, queue, estimate, the documents to have ready."""
    ticket = _ticket(pk)
    person = ticket.booking.person if ticket.booking else None
    if person is not None:
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            object_type="frontdesk.ticket",
            object_id=str(ticket.pk),
            person_id=person.pk,
            request_id=request_id(request),
        )
    ahead, estimate = ticket_wait_estimate(ticket=ticket)
    return render(
        request,
        "frontdesk/ticket_detail.html",
        {
            "ticket": ticket,
            "person": person,
            "service": ticket.service,
            "ahead": ahead,
            "estimate": estimate,
            "status_url": _status_url(ticket),
            "events": ticket.events.select_related("counter").order_by("at", "pk"),
        },
    )


@staff_view("frontdesk.use_desk")
def ticket_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The slip for the receipt printer (80 mm): number, place, time, QR code to the status page.
    No personal data: the slip may be left behind."""
    ticket = _ticket(pk)
    status_url = _status_url(ticket)
    _ahead, estimate = ticket_wait_estimate(ticket=ticket)
    return render(
        request,
        "frontdesk/ticket_print.html",
        {
            "ticket": ticket,
            "estimate": estimate,
            "status_url": status_url,
            "qr": qr_svg(status_url, box_size=4, labelled_by="qr-label"),
        },
    )


@staff_view("frontdesk.view_queue")
def queues(request: HttpRequest) -> HttpResponse:
    """Queue figures per section with the estimated wait; htmx refreshes the table."""
    location, locations = desk_location(request)
    context = {
        "location": location,
        "locations": locations,
        "queues": queue_overview(location=location) if location else [],
    }
    template = "frontdesk/includes/queues.html" if request.htmx else "frontdesk/queues.html"  # type: ignore[attr-defined]
    return render(request, template, context)


urlpatterns = [
    path("mitarbeit/empfang/", desk, name="desk"),
    path("mitarbeit/empfang/einchecken/", check_in, name="check_in"),
    path("mitarbeit/empfang/einchecken/suche/", check_in_search, name="check_in_search"),
    path("mitarbeit/empfang/wartemarke/", ticket_new, name="ticket_new"),
    path("mitarbeit/empfang/wartemarke/<int:pk>/", ticket_detail, name="ticket_detail"),
    path("mitarbeit/empfang/wartemarke/<int:pk>/drucken/", ticket_print, name="ticket_print"),
    path("mitarbeit/empfang/warteschlangen/", queues, name="queues"),
]
