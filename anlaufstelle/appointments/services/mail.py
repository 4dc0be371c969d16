"""Mails about appointments, in the person's language, through the outbox.

The confirmation carries what a person needs on the day: date, time, place, counter
information, documents, a QR code for check-in (``qrcode``, PNG through pypng), an
iCalendar file with a reminder (``icalendar``) and the link to move or cancel.
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
from anlaufstelle.core.services import mail_queue
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


def _send(
    booking: Booking,
    kind: str,
    subject: Callable[[dict[str, Any]], str],
    attachments: Callable[[dict[str, Any]], list[Attachment]] | None = None,
) -> bool:
    """Queue mail ``kind`` about ``booking`` in the person's language; False if they gave no address.

    ``subject`` and ``attachments`` are made from the context inside the person's language."""
    person = booking.person
    if person is None or not person.email:
        return False
    with translation.override(person.preferred_language):
        context = _context(booking)
        mail_queue(
            to=[person.email],
            subject=subject(context),
            body_text=render_to_string(f"appointments/mail/{kind}.txt", context),
            body_html=render_to_string(f"appointments/mail/{kind}.html", context),
            attachments=attachments(context) if attachments else (),
            topic=f"appointments.{kind}",
        )
    return True


def mail_address_check(*, booking: Booking) -> bool:
    """Double opt-in: the link that confirms the address and with it the reservation."""
    return _send(booking, "address_check", lambda _c: _("Bitte bestätigen Sie Ihren Termin"))


def mail_confirmation(*, booking: Booking) -> bool:
    """The confirmation with QR code, calendar file and the link to move or cancel."""

    def subject(context: dict[str, Any]) -> str:
        starts = context["starts"]
        return _("Ihr Termin am %(date)s um %(time)s") % {
            "date": date_format(starts, "SHORT_DATE_FORMAT"),
            "time": starts.strftime("%H:%M"),
        }

    def attachments(context: dict[str, Any]) -> list[Attachment]:
        return [
            Attachment("checkin.png", qr_png(checkin_token(booking)), "image/png", content_id="checkin-qr"),
            Attachment("termin.ics", booking_ics(booking, context["manage_url"]), "text/calendar"),
        ]

    return _send(booking, "confirmation", subject, attachments)


def mail_reminder(*, booking: Booking) -> bool:
    return _send(booking, "reminder", lambda _c: _("Erinnerung an Ihren Termin"))


def mail_cancelled(*, booking: Booking) -> bool:
    return _send(booking, "cancelled", lambda _c: _("Ihr Termin wurde abgesagt"))


def mail_offer(*, booking: Booking, kind: str) -> bool:
    """An appointment offered from the waiting list or by the allocation; accept by link before ``hold_until``."""
    return _send(booking, kind, lambda _c: _("Ein Termin für Sie: bitte zusagen"))
