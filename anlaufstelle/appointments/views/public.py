"""The public booking flow, without JavaScript: concern → service → location and day → time →
contact → e-mail link (double opt-in) → confirmation; and the person's own booking page
(reached by the signed link in their mail) to move, cancel or join the waiting list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from anlaufstelle.core.botguard import client_ip, network_of, normalised_email, rate_limit_hit
from anlaufstelle.core.middleware import request_id
from anlaufstelle.core.models import Section
from anlaufstelle.core.qr import qr_svg

from ..forms import ContactForm, EmergencyForm
from ..models import Booking, BookingStatus, Location, Service, Urgency, WaitlistEntry
from ..selectors import booking_counters, booking_window, emergency_open, service_locations, slot_starts, starts_by_day
from ..services import (
    BookingError,
    Contact,
    booking_by_token,
    booking_cancel,
    booking_confirm,
    booking_move,
    booking_receipt_token,
    booking_reserve,
    booking_token,
    waitlist_join,
    waitlist_leave,
)
from ..services.mail import booking_ics, checkin_token
from .params import active_service_or_404, parse_day, parse_start, time_choices

STEPS = 5


def _booking(token: str) -> Booking:
    try:
        return booking_by_token(token=token)
    except Booking.DoesNotExist:
        raise Http404 from None


def _location(service: Service, value: str | None) -> tuple[Location | None, list[Location]]:
    locations = service_locations(service=service)
    if len(locations) == 1:
        return locations[0], locations
    chosen = next((loc for loc in locations if str(loc.pk) == (value or "")), None)
    return chosen, locations


def _urgency(request: HttpRequest) -> str:
    value = request.GET.get("notfall") or request.POST.get("notfall") or ""
    return value if value in Urgency.values else ""


def start(request: HttpRequest) -> HttpResponse:
    """Step 1: the concern, grouped by section, with how each one is booked."""
    services = Service.objects.filter(is_active=True).select_related("section")
    sections: dict[Section, list[Service]] = {}
    for service in services:
        sections.setdefault(service.section, []).append(service)
    return render(
        request,
        "appointments/start.html",
        {
            "sections": sections,
            "step": 1,
            "steps": STEPS,
        },
    )


def days(request: HttpRequest, service_id: int) -> HttpResponse:
    """Step 2: the service with its documents; location and a day with free times."""
    service = active_service_or_404(service_id)
    context: dict[str, Any] = {"service": service, "step": 2, "steps": STEPS}
    if service.booking_mode != Service.BookingMode.ONLINE:
        return render(request, "appointments/not_online.html", context)
    location, locations = _location(service, request.GET.get("standort"))
    first, last = booking_window(service=service)
    context.update(locations=locations, location=location, first=first, last=last)
    if location is not None:
        free = starts_by_day(slot_starts(service=service, location=location, day_from=first, day_to=last))
        context["days"] = [(day, len(starts)) for day, starts in free.items()]
    return render(request, "appointments/days.html", context)


def times(request: HttpRequest, service_id: int) -> HttpResponse:
    """Step 3: the free times on the chosen day."""
    service = active_service_or_404(service_id)
    location, _locations = _location(service, request.GET.get("standort"))
    day = parse_day(request.GET.get("tag"))
    urgency = _urgency(request)
    if urgency:
        first = last = timezone.localdate()
    else:
        first, last = booking_window(service=service)
    if location is None or day is None or not first <= day <= last or service.booking_mode == "desk":
        messages.error(request, _("Bitte wählen Sie einen Tag aus der Liste."))
        return redirect(reverse("appointments:days", args=[service.pk]))
    starts = slot_starts(service=service, location=location, day_from=day, day_to=day)
    return render(
        request,
        "appointments/times.html",
        {
            "service": service,
            "location": location,
            "day": day,
            "slots": time_choices(starts),
            "urgency": urgency,
            "step": 3,
            "steps": STEPS,
        },
    )


def _choice(request: HttpRequest, service: Service) -> tuple[Location | None, dt.datetime | None]:
    data = request.POST if request.method == "POST" else request.GET
    location, _locations = _location(service, data.get("standort"))
    return location, parse_start(data.get("beginn"))


@never_cache
def contact(request: HttpRequest, service_id: int) -> HttpResponse:
    """Step 4: name, e-mail, phone, language; the slot is reserved and the address checked by a link."""
    service = active_service_or_404(service_id)
    location, starts_at = _choice(request, service)
    urgency = _urgency(request)
    if location is None or starts_at is None:
        messages.error(request, _("Bitte wählen Sie zuerst eine Uhrzeit."))
        return redirect(reverse("appointments:days", args=[service.pk]))
    form = ContactForm(request.POST or None)
    if request.method == "POST" and rate_limit_hit(
        request, group="booking-ip", key="ip", rate=settings.RATELIMIT_BOOKING_IP
    ):
        return _too_many(request)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if rate_limit_hit(
            request, group="booking-email", key=normalised_email(email), rate=settings.RATELIMIT_BOOKING_EMAIL
        ):
            return _too_many(request)
        try:
            booking = booking_reserve(
                service=service,
                location=location,
                starts_at=starts_at,
                contact=Contact(
                    given_names=form.cleaned_data["given_names"],
                    family_name=form.cleaned_data["family_name"],
                    email=email,
                    phone=form.cleaned_data["phone"],
                    language=form.cleaned_data["language"],
                ),
                urgency=urgency,
                origin_network=network_of(client_ip(request)),
                request_id=request_id(request),
            )
        except BookingError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(reverse("appointments:reserved", args=[booking_receipt_token(booking)]))
    return render(
        request,
        "appointments/contact.html",
        {
            "service": service,
            "location": location,
            "starts": timezone.localtime(starts_at),
            "beginn": starts_at.strftime("%Y-%m-%dT%H:%M"),
            "urgency": urgency,
            "form": form,
            "step": 4,
            "steps": STEPS,
        },
        status=200 if not form.errors else 400,
    )


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "appointments/too_many.html", status=429)


@never_cache
def reserved(request: HttpRequest, token: str) -> HttpResponse:
    """Step 5: the slot is held; the person has to open the link in the mail (this page's
    token is a receipt: it cannot confirm, so the mail check cannot be skipped)."""
    try:
        booking = booking_by_token(token=token, kind="receipt")
    except Booking.DoesNotExist:
        raise Http404 from None
    email = booking.person.email if booking.person else ""
    name, _at, domain = email.partition("@")
    return render(
        request,
        "appointments/reserved.html",
        {
            "booking": booking,
            "masked_email": f"{name[:2]}…@{domain}",
            "hold_until": timezone.localtime(booking.hold_until) if booking.hold_until else None,
            "step": 5,
            "steps": STEPS,
        },
    )


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the mail. GET only shows a button: mail scanners open links, people press buttons."""
    booking = _booking(token)
    if booking.status == BookingStatus.CONFIRMED:
        return redirect(reverse("appointments:manage", args=[token]))
    if request.method == "POST":
        try:
            booking_confirm(booking=booking)
        except BookingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Ihr Termin ist gebucht. Die Bestätigung ist unterwegs zu Ihnen."))
        return redirect(reverse("appointments:manage", args=[token]))
    return render(request, "appointments/confirm.html", {"booking": booking, "token": token})


@never_cache
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own page for one appointment."""
    booking = _booking(token)
    open_ = booking.status == BookingStatus.CONFIRMED and booking.starts_at > timezone.now()
    checkin_qr = qr_svg(checkin_token(booking), box_size=6, labelled_by="qr-title") if open_ else ""
    return render(
        request,
        "appointments/manage.html",
        {
            "booking": booking,
            "token": token,
            "open": open_,
            "counters": booking_counters(booking=booking),
            "qr_svg": checkin_qr,
            "on_waitlist": WaitlistEntry.objects.filter(booking=booking, status=WaitlistEntry.Status.WAITING).exists(),
            "moved_to": booking_token(booking.replaced_by) if booking.replaced_by else "",
        },
    )


@never_cache
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    if request.method == "POST":
        booking_cancel(booking=booking)
        messages.success(request, _("Ihr Termin ist abgesagt. Danke, dass Sie Bescheid gegeben haben."))
        return redirect(reverse("appointments:manage", args=[token]))
    return render(request, "appointments/cancel.html", {"booking": booking, "token": token})


@never_cache
def move(request: HttpRequest, token: str) -> HttpResponse:
    """Choose a new day and time for the same concern and place; the old time is freed after."""
    booking = _booking(token)
    service, location = booking.service, booking.location
    if booking.status != BookingStatus.CONFIRMED or booking.starts_at <= timezone.now():
        messages.error(request, _("Dieser Termin kann nicht mehr verlegt werden."))
        return redirect(reverse("appointments:manage", args=[token]))
    if request.method == "POST":
        starts_at = parse_start(request.POST.get("beginn"))
        if starts_at is None:
            messages.error(request, _("Bitte wählen Sie eine Uhrzeit."))
        else:
            try:
                new = booking_move(booking=booking, starts_at=starts_at)
            except BookingError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Ihr Termin ist verlegt. Die neue Bestätigung ist unterwegs zu Ihnen."))
                return redirect(reverse("appointments:manage", args=[booking_token(new)]))
    first, last = booking_window(service=service)
    day = parse_day(request.GET.get("tag"))
    free = starts_by_day(slot_starts(service=service, location=location, day_from=first, day_to=last))
    slots = free.get(day, []) if day else []
    return render(
        request,
        "appointments/move.html",
        {
            "booking": booking,
            "token": token,
            "days": [(d, len(s)) for d, s in free.items()],
            "day": day,
            "slots": time_choices(slots),
        },
    )


@require_POST
def waitlist(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    if request.POST.get("action") == "leave":
        waitlist_leave(booking=booking)
        messages.success(request, _("Sie stehen nicht mehr auf der Warteliste."))
    else:
        try:
            waitlist_join(booking=booking)
        except BookingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Sie stehen auf der Warteliste. Wird ein früherer Termin frei, schreiben wir Ihnen eine E-Mail."),
            )
    return redirect(reverse("appointments:manage", args=[token]))


def calendar_file(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    manage_url = request.build_absolute_uri(reverse("appointments:manage", args=[token]))
    response = HttpResponse(booking_ics(booking, manage_url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="termin-{booking.code}.ics"'
    return response


def emergency(request: HttpRequest) -> HttpResponse:
    """The emergency counter: today's released time for urgent concerns."""
    services = Service.objects.exclude(booking_mode=Service.BookingMode.DESK).filter(is_active=True)
    form = EmergencyForm(request.GET or None, services=[(s.pk, s.name) for s in services])
    locations = list(Location.objects.filter(emergency_share__gt=0))
    released = [loc for loc in locations if emergency_open(location=loc)]
    context: dict[str, Any] = {
        "form": form,
        "locations": locations,
        "released": released,
    }
    if form.is_valid() and released:
        service = services.get(pk=form.cleaned_data["service"])
        today = timezone.localdate()
        context["service"] = service
        context["urgency"] = form.cleaned_data["urgency"]
        context["offers"] = [
            (location, time_choices(slot_starts(service=service, location=location, day_from=today, day_to=today)))
            for location in released
        ]
    return render(request, "appointments/emergency.html", context)
