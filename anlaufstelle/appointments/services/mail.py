"""Mails about appointments, in the person's language, through the outbox.

The confirmation carries what a person needs on the day: date, time, place, counter
information, documents, a QR code for check-in (``qrcode``, PNG through pypng), an
iCalendar file with a reminder (``icalendar``) and the link to move or cancel.
"""

from __future__ import annotations

import datetime as dt
import io

import qrcode
import qrcode.image.pure
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from anlaufstelle.core.links import absolute_url, link_token, link_value
from anlaufstelle.core.services import mail_queue
from anlaufstelle.core.services.outbox import Attachment
from anlaufstelle.core.tenancy import require_tenant

from ..models import Booking


def checkin_token(booking: Booking) -> str:
    """What the QR code holds: the booking code, signed, so a made-up code is recognised at the desk."""
    return link_token("checkin", booking.code)


def checkin_code_from_token(token: str) -> str:
    """The booking code inside a scanned token; raises signing.BadSignature for a forged one."""
    return link_value("checkin", token)


def _qr_png(data: str) -> bytes:
    image = qrcode.make(data, image_factory=qrcode.image.pure.PyPNGImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def _ics(booking: Booking, manage_url: str) -> bytes:
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


def _context(booking: Booking) -> dict[str, object]:
    token = link_token("booking", booking.code)
    manage = absolute_url(reverse("appointments:manage", args=[token]))
    counters = booking.location.counters.filter(section=booking.service.section)
    return {
        "booking": booking,
        "tenant": require_tenant(),
        "person": booking.person,
        "service": booking.service,
        "location": booking.location,
        "address": _address(booking),
        "starts": timezone.localtime(booking.starts_at),
        "documents": [line.strip() for line in booking.service.documents.splitlines() if line.strip()],
        "counters": counters,
        "manage_url": manage,
        "confirm_url": absolute_url(reverse("appointments:confirm", args=[token])),
        "hold_until": timezone.localtime(booking.hold_until) if booking.hold_until else None,
    }


def _send(booking: Booking, kind: str, subject: str, context: dict[str, object], attachments=()) -> None:
    assert booking.person is not None
    mail_queue(
        to=[booking.person.email],
        subject=subject,
        body_text=render_to_string(f"appointments/mail/{kind}.txt", context),
        body_html=render_to_string(f"appointments/mail/{kind}.html", context),
        attachments=attachments,
        topic=f"appointments.{kind}",
    )


def _language(booking: Booking) -> str:
    return booking.person.preferred_language if booking.person else "de"


def mail_address_check(*, booking: Booking) -> None:
    """Double opt-in: the link that confirms the address and with it the reservation."""
    with translation.override(_language(booking)):
        context = _context(booking)
        _send(booking, "address_check", _("Bitte bestätigen Sie Ihren Termin"), context)


def mail_confirmation(*, booking: Booking) -> None:
    """The confirmation with QR code, calendar file and the link to move or cancel."""
    with translation.override(_language(booking)):
        context = _context(booking)
        attachments = [
            Attachment("checkin.png", _qr_png(checkin_token(booking)), "image/png", content_id="checkin-qr"),
            Attachment("termin.ics", _ics(booking, str(context["manage_url"])), "text/calendar"),
        ]
        subject = _("Ihr Termin am %(date)s um %(time)s") % {
            "date": context["starts"].strftime("%d.%m.%Y"),  # type: ignore[attr-defined]
            "time": context["starts"].strftime("%H:%M"),  # type: ignore[attr-defined]
        }
        _send(booking, "confirmation", subject, context, attachments)


def mail_reminder(*, booking: Booking) -> None:
    with translation.override(_language(booking)):
        context = _context(booking)
        _send(booking, "reminder", _("Erinnerung an Ihren Termin"), context)


def mail_cancelled(*, booking: Booking) -> None:
    with translation.override(_language(booking)):
        _send(booking, "cancelled", _("Ihr Termin wurde abgesagt"), _context(booking))


def mail_offer(*, booking: Booking, kind: str) -> None:
    """An appointment offered from the waiting list or by the allocation; accept by link before ``hold_until``."""
    with translation.override(_language(booking)):
        _send(booking, kind, _("Ein Termin für Sie: bitte zusagen"), _context(booking))
