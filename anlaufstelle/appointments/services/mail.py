"""Mails about appointments, in the person's language, through the outbox.

The confirmation carries what a person needs on the day: date, time, place, counter
information, documents, a QR code for check-in (``qrcode``, PNG through pypng), an
iCalendar file with a reminder (``icalendar``) and the link to move or cancel.

A booking's transaction queues only which mail is due about which booking; the delivering
worker composes it (``compose_booking_mail``), so a booking in a rush for appointments costs
no template, QR code or calendar file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from anlaufstelle.core.links import absolute_url, link_token, link_value
from anlaufstelle.core.qr import qr_png
from anlaufstelle.core.services import Composed, mail_queue_composed
from anlaufstelle.core.services.outbox import Attachment
from anlaufstelle.core.tenancy import require_tenant

from ..models import Booking
from ..selectors import booking_counters
from .booking import booking_token


def checkin_token(booking: Booking) -> str:
    """What the QR code holds: the booking code, signed, so a made-up code is recognised at the desk."""
    return link_token("checkin", booking.code)


def checkin_code_from_token(token: str) -> str:
    """The booking code inside a scanned token; raises signing.BadSignature for a forged one."""
    return link_value("checkin", token)


def booking_ics(booking: Booking, manage_url: str) -> bytes:
    """The calendar file of an appointment: Europe/Berlin with its time zone, an alarm two hours before."""
    tenant = require_tenant()
    calendar = Calendar()
    calendar.add("prodid", "-//Anlaufstelle//Termine//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{booking.code}@{(tenant.hostname_list or ['anlaufstelle'])[0]}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(booking.starts_at))
    event.add("dtend", timezone.localtime(booking.ends_at))
    event.add("summary", f"{booking.service.name} – {tenant.name}")
    event.add("location", _address(booking))
    event.add("description", f"{_('Buchungsnummer')}: {booking.code}\n{manage_url}")
    event.add("url", manage_url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", booking.service.name)
    alarm.add("trigger", dt.timedelta(hours=-2))
    event.add_component(alarm)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _address(booking: Booking) -> str:
    location = booking.location
    return ", ".join(p for p in (location.name, location.street, f"{location.postcode} {location.city}".strip()) if p)


def _context(booking: Booking) -> dict[str, Any]:
    token = booking_token(booking)
    manage = absolute_url(reverse("appointments:manage", args=[token]))
    counters = booking_counters(booking=booking)
    return {
        "booking": booking,
        "tenant": require_tenant(),
        "person": booking.person,
        "service": booking.service,
        "location": booking.location,
        "address": _address(booking),
        "starts": timezone.localtime(booking.starts_at),
        "counters": counters,
        "manage_url": manage,
        "confirm_url": absolute_url(reverse("appointments:confirm", args=[token])),
        "hold_until": timezone.localtime(booking.hold_until) if booking.hold_until else None,
    }


COMPOSER = "appointments.booking"


def _send(booking: Booking, kind: str) -> bool:
    """Queue mail ``kind`` about ``booking`` for the person; False if they gave no address."""
    person = booking.person
    if person is None or not person.email:
        return False
    mail_queue_composed(
        to=[person.email], composer=COMPOSER, params={"booking": booking.pk, "kind": kind}, topic=f"appointments.{kind}"
    )
    return True


def compose_booking_mail(*, booking: int, kind: str) -> Composed:
    """Mail ``kind`` about booking ``booking``, in the person's language (the outbox worker calls this)."""
    subject, attachments = _KINDS[kind]
    found = Booking.objects.select_related("service", "location", "person").get(pk=booking)
    with translation.override(found.person.preferred_language if found.person else None):
        context = _context(found)
        return Composed(
            subject=subject(context),
            body_text=render_to_string(f"appointments/mail/{kind}.txt", context),
            body_html=render_to_string(f"appointments/mail/{kind}.html", context),
            attachments=attachments(context) if attachments else (),
        )


def _confirmation_subject(context: dict[str, Any]) -> str:
    starts = context["starts"]
    return _("Ihr Termin am %(date)s um %(time)s") % {
        "date": date_format(starts, "SHORT_DATE_FORMAT"),
        "time": starts.strftime("%H:%M"),
    }


def _confirmation_attachments(context: dict[str, Any]) -> list[Attachment]:
    booking = context["booking"]
    return [
        Attachment("checkin.png", qr_png(checkin_token(booking)), "image/png", content_id="checkin-qr"),
        Attachment("termin.ics", booking_ics(booking, context["manage_url"]), "text/calendar"),
    ]


def _offer_subject(_context: dict[str, Any]) -> str:
    return _("Ein Termin für Sie: bitte zusagen")


# kind (the template's name) -> its subject and attachments, made inside the person's language
_KINDS: dict[str, tuple[Callable[[dict[str, Any]], str], Callable[[dict[str, Any]], list[Attachment]] | None]] = {
    "address_check": (lambda _c: _("Bitte bestätigen Sie Ihren Termin"), None),
    "confirmation": (_confirmation_subject, _confirmation_attachments),
    "reminder": (lambda _c: _("Erinnerung an Ihren Termin"), None),
    "cancelled": (lambda _c: _("Ihr Termin wurde abgesagt"), None),
    "waitlist_offer": (_offer_subject, None),
    "allocation_offer": (_offer_subject, None),
}


def mail_address_check(*, booking: Booking) -> bool:
    """Double opt-in: the link that confirms the address and with it the reservation."""
    return _send(booking, "address_check")


def mail_confirmation(*, booking: Booking) -> bool:
    """The confirmation with QR code, calendar file and the link to move or cancel."""
    return _send(booking, "confirmation")


def mail_reminder(*, booking: Booking) -> bool:
    return _send(booking, "reminder")


def mail_cancelled(*, booking: Booking) -> bool:
    return _send(booking, "cancelled")


def mail_offer(*, booking: Booking, kind: str) -> bool:
    """An appointment offered from the waiting list or by the allocation; accept by link before ``hold_until``."""
    if kind not in _KINDS:
        raise ValueError(f"Unknown mail about a booking: {kind!r}")
    return _send(booking, kind)
