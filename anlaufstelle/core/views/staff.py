"""Staff area of core: start page, people (audited), audit log, staff, structure, content."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import AuditFilterForm, PersonForm, PersonSearchForm, ReasonForm, content_translation_form
from ..i18n import SOURCE_LANGUAGE, TranslatableContent, column, target_languages
from ..middleware import request_id
from ..models import AuditAction, OpeningHours, OutboxMessage, Person, Section
from ..permissions import staff_view
from ..selectors import AuditFilter, audit_entries, persons_search, staff_users, staffing_overview
from ..services import audit_record, content_translation_save, person_create, person_read, person_update


@staff_view("core.view_staff_area")
def staff_home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/staff/home.html")


@staff_view("core.view_person")
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    people: list[Person] = []
    if form.is_valid() and form.cleaned_data["q"]:
        people = persons_search(query=form.cleaned_data["q"])
        audit_record(
            actor=request.user,
            action=AuditAction.SEARCH,
            object_type="core.person",
            details={"results": [p.pk for p in people]},
            request_id=request_id(request),
        )
    return render(request, "core/staff/person_list.html", {"form": form, "people": people})


@staff_view("core.view_person")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        person = person_read(actor=request.user, person_id=pk, request_id=request_id(request))
    except Person.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "core/staff/person_detail.html", {"person": person})


@staff_view("core.change_person")
def person_create_view(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = person_create(actor=request.user, data=form.cleaned_data, request_id=request_id(request))
        messages.success(request, _("Die Person wurde angelegt."))
        return redirect("core:person_detail", pk=person.pk)
    return render(request, "core/staff/person_form.html", {"form": form})


@staff_view("core.change_person")
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise Http404
    form = PersonForm(request.POST or None, instance=person)
    reason_form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and reason_form.is_valid():
        fresh = Person.objects.get(pk=pk)  # the form mutated ``person``; compare against the stored row
        try:
            person_update(
                actor=request.user,
                person=fresh,
                data=form.cleaned_data,
                reason=reason_form.cleaned_data["reason"],
                request_id=request_id(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect("core:person_detail", pk=pk)
    return render(request, "core/staff/person_form.html", {"form": form, "reason_form": reason_form, "person": person})


@staff_view("core.view_auditlog")
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilter()
    if form.is_valid():
        filters = AuditFilter(**{k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
    page = Paginator(audit_entries(filters=filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/staff/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})


@staff_view("core.manage_users")
def user_list(request: HttpRequest) -> HttpResponse:
    return render(request, "core/staff/user_list.html", {"users": staff_users()})


@staff_view("core.view_organisation")
def organisation(request: HttpRequest) -> HttpResponse:
    return render(request, "core/staff/organisation.html", {"overview": staffing_overview()})


@staff_view("core.view_outbox")
def outbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(OutboxMessage.objects.order_by("-created_at"), 50).get_page(request.GET.get("page"))
    return render(request, "core/staff/outbox.html", {"page": page})


# Content whose translations the staff area manages; later capabilities add theirs.
CONTENT_MODELS = {"tenant": "core.Tenant", "section": "core.Section", "openinghours": "core.OpeningHours"}


def _content_objects(request: HttpRequest) -> list[TranslatableContent]:
    objects: list[TranslatableContent] = [request.tenant]  # type: ignore[attr-defined]
    objects += list(Section.objects.all())
    objects += [row for row in OpeningHours.objects.all() if row.note_de]  # type: ignore[attr-defined]
    return objects


@staff_view("core.manage_content")
def content_list(request: HttpRequest) -> HttpResponse:
    rows = [(obj, obj._meta.model_name, obj.translation_overview()) for obj in _content_objects(request)]
    return render(request, "core/staff/content_list.html", {"rows": rows, "languages": target_languages()})


@staff_view("core.manage_content")
def content_edit(request: HttpRequest, model: str, pk: int, language: str) -> HttpResponse:
    if model not in CONTENT_MODELS or language not in {code for code, _n in settings.LANGUAGES}:
        raise Http404
    model_class = apps.get_model(CONTENT_MODELS[model])
    if model == "tenant":
        if pk != request.tenant.pk:  # type: ignore[attr-defined]
            raise Http404
        instance = request.tenant  # type: ignore[attr-defined]
    else:
        instance = model_class.objects.filter(pk=pk).first()
        if instance is None:
            raise Http404
    fields = instance.translated_fields
    labels = {f: str(model_class._meta.get_field(f).verbose_name) for f in fields}
    form_class = content_translation_form(fields=fields, labels=labels)
    initial = {f: getattr(instance, column(f, language)) or "" for f in fields}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        content_translation_save(instance=instance, language=language, values=form.cleaned_data)
        messages.success(request, _("Die Übersetzung wurde gespeichert."))
        return redirect("core:content_list")
    sources = {f: getattr(instance, column(f, SOURCE_LANGUAGE)) or "" for f in fields}
    return render(
        request,
        "core/staff/content_edit.html",
        {
            "form": form,
            "instance": instance,
            "language": language,
            "sources": sources,
            "is_source": language == SOURCE_LANGUAGE,
        },
    )
