"""Staff pages of appointments: the day's bookings, one booking (audited), booking, moving and
cancelling for a person with a reason, and the lead's view of suspicious booking patterns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from anlaufstelle.core.forms import ReasonForm
from anlaufstelle.core.middleware import request_id
from anlaufstelle.core.models import AuditAction, Person
from anlaufstelle.core.permissions import staff_view
from anlaufstelle.core.services import audit_record, person_read

from ..models import Booking, Location, Service
from ..selectors import booking_patterns, slot_starts
from ..services import BookingError, booking_cancel, booking_create_for_person, booking_move
from .params import parse_day, parse_start, time_choices


def _times(service: Service, location: Location, day: dt.date) -> list[tuple[str, dt.datetime]]:
    return time_choices(slot_starts(service=service, location=location, day_from=day, day_to=day))


@staff_view("appointments.view_booking")
def booking_day(request: HttpRequest) -> HttpResponse:
    """All appointments of one day at one location; the listing is audited like a search."""
    locations = list(Location.objects.all())
    location = next((loc for loc in locations if str(loc.pk) == request.GET.get("standort")), None)
    location = location or (locations[0] if locations else None)
    day = parse_day(request.GET.get("tag")) or timezone.localdate()
    bookings: list[Booking] = []
    if location is not None:
        start = dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())
        bookings = list(
            Booking.objects.filter(location=location, starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
            .select_related("service", "person", "staff")
            .order_by("starts_at", "staff__last_name")
        )
        audit_record(
            actor=request.user,
            action=AuditAction.SEARCH,
            object_type="appointments.booking",
            details={"results": [b.pk for b in bookings]},
            request_id=request_id(request),
        )
    return render(
        request,
        "appointments/staff/day.html",
        {
            "locations": locations,
            "location": location,
            "day": day,
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
            "bookings": bookings,
        },
    )


def _booking_read(request: HttpRequest, pk: int) -> Booking:
    booking = Booking.objects.select_related("service", "location", "person", "staff").filter(pk=pk).first()
    if booking is None:
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="appointments.booking",
        object_id=str(booking.pk),
        person_id=booking.person_id,
        request_id=request_id(request),
    )
    return booking


@staff_view("appointments.view_booking")
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One appointment with the person's data (audited); move or cancel it with a reason (POST)."""
    if request.method == "POST":
        if not request.user.has_perm("appointments.change_booking"):
            raise PermissionDenied
        return _change(request, pk)
    booking = _booking_read(request, pk)
    day = parse_day(request.GET.get("tag"))
    return render(
        request,
        "appointments/staff/detail.html",
        {
            "booking": booking,
            "starts": timezone.localtime(booking.starts_at),
            "reason_form": ReasonForm(),
            "day": day,
            "times": _times(booking.service, booking.location, day) if day else [],
            "can_change": request.user.has_perm("appointments.change_booking"),
        },
    )


def _change(request: HttpRequest, pk: int) -> HttpResponse:
    booking = Booking.objects.filter(pk=pk).first()
    if booking is None:
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte geben Sie einen Grund an."))
        return redirect("appointments:staff_detail", pk=pk)
    reason = form.cleaned_data["reason"]
    try:
        if request.POST.get("action") == "cancel":
            booking_cancel(booking=booking, actor=request.user, reason=reason, request_id=request_id(request))
            messages.success(request, _("Der Termin wurde abgesagt."))
            return redirect("appointments:staff_detail", pk=pk)
        starts_at = parse_start(request.POST.get("beginn"))
        if starts_at is None:
            messages.error(request, _("Bitte wählen Sie eine Uhrzeit."))
            return redirect("appointments:staff_detail", pk=pk)
        new = booking_move(
            booking=booking, starts_at=starts_at, actor=request.user, reason=reason, request_id=request_id(request)
        )
    except BookingError as exc:
        messages.error(request, str(exc))
        return redirect("appointments:staff_detail", pk=pk)
    messages.success(request, _("Der Termin wurde verlegt."))
    return redirect("appointments:staff_detail", pk=new.pk)


@staff_view("appointments.change_booking")
def booking_new(request: HttpRequest) -> HttpResponse:
    """Book for a known person (e.g. on the phone): service, place, day, time, reason."""
    try:
        person = person_read(
            actor=request.user, person_id=int(request.GET.get("person", "")), request_id=request_id(request)
        )
    except (ValueError, Person.DoesNotExist):
        messages.error(request, _("Bitte suchen Sie zuerst die Person und buchen Sie von ihrer Seite aus."))
        return redirect("core:person_list")
    services = list(Service.objects.filter(is_active=True).select_related("section"))
    locations = list(Location.objects.all())
    service = next((s for s in services if str(s.pk) == request.GET.get("anliegen")), None)
    location = next((loc for loc in locations if str(loc.pk) == request.GET.get("standort")), None)
    day = parse_day(request.GET.get("tag"))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and service and location:
        starts_at = parse_start(request.POST.get("beginn"))
        if starts_at is None:
            form.add_error(None, _("Bitte wählen Sie eine Uhrzeit."))
        else:
            try:
                booking = booking_create_for_person(
                    actor=request.user,
                    person=person,
                    service=service,
                    location=location,
                    starts_at=starts_at,
                    reason=form.cleaned_data["reason"],
                    request_id=request_id(request),
                )
            except BookingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Der Termin wurde gebucht."))
                return redirect("appointments:staff_detail", pk=booking.pk)
    context: dict[str, Any] = {
        "person": person,
        "services": services,
        "locations": locations,
        "service": service,
        "location": location,
        "day": day or timezone.localdate(),
        "form": form,
        "times": _times(service, location, day) if service and location and day else [],
    }
    return render(request, "appointments/staff/new.html", context)


@staff_view("appointments.view_booking_patterns")
def booking_patterns_view(request: HttpRequest) -> HttpResponse:
    return render(request, "appointments/staff/patterns.html", {"patterns": booking_patterns()})


urlpatterns = [
    path("mitarbeit/termine/", booking_day, name="staff_day"),
    path("mitarbeit/termine/neu/", booking_new, name="staff_new"),
    path("mitarbeit/termine/auffaellig/", booking_patterns_view, name="staff_patterns"),
    path("mitarbeit/termine/<int:pk>/", booking_detail, name="staff_detail"),
]
