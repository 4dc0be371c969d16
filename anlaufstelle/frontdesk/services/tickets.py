"""Tickets come into the queue two ways: a booked person checks in (QR code, booking code, or
name and date of birth at the desk), or the desk issues a walk-in ticket for a concern."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from anlaufstelle.appointments.models import Booking, BookingStatus, Location, Service
from anlaufstelle.appointments.services.mail import checkin_code_from_token
from anlaufstelle.core.links import link_token, link_value
from anlaufstelle.core.locking import lock
from anlaufstelle.core.models import AuditAction
from anlaufstelle.core.services import audit_record

from ..models import EventKind, Priority, QueueRule, ServiceDeskRule, Ticket
from ..selectors import desk_rule_for, queue_rule_for, ticket_wait_estimate, walk_in_allowed
from .base import FrontdeskError, event_record, now_or

NUMBER_ATTEMPTS = 20


class CheckInRefused(FrontdeskError):
    """The booking cannot be checked in (unknown, cancelled, wrong day or place, too early)."""


class AppointmentMissed(CheckInRefused):
    """Too late for the appointment; the desk may issue a walk-in ticket instead."""


class AlreadyCheckedIn(CheckInRefused):
    def __init__(self, ticket: Ticket) -> None:
        self.ticket = ticket
        super().__init__(
            _("Diese Person ist schon eingecheckt: Wartemarke %(label)s um %(time)s.")
            % {"label": ticket.label, "time": timezone.localtime(ticket.issued_at).strftime("%H:%M")}
        )


class TicketRefused(FrontdeskError):
    """No walk-in ticket: the concern takes none, the cut-off has passed, or the day is full."""


def ticket_token(ticket: Ticket) -> str:
    """The signed token of the public status page: only the ticket's id, useless without the key."""
    return link_token("ticket", ticket.pk)


def ticket_by_token(*, token: str) -> Ticket:
    """The ticket of a status-page token; raises Ticket.DoesNotExist for a forged or unknown one."""
    try:
        pk = int(link_value("ticket", token))
    except (signing.BadSignature, ValueError):
        raise Ticket.DoesNotExist from None
    return Ticket.objects.select_related("location", "counter", "section").get(pk=pk)


def booking_from_scan(*, text: str) -> Booking:
    """The booking behind what the desk typed or scanned: the QR code's signed token, or the
    booking code printed in the confirmation. Raises CheckInRefused with a message for the desk."""
    text = text.strip()
    if not text:
        raise CheckInRefused(_("Bitte scannen Sie den QR-Code oder geben Sie die Buchungsnummer ein."))
    if ":" in text:  # a token from the QR code: "<code>:<signature>"
        try:
            code = checkin_code_from_token(text)
        except signing.BadSignature:
            raise CheckInRefused(
                _("Dieser QR-Code ist ungültig. Bitte geben Sie die Buchungsnummer ein oder suchen Sie nach Namen.")
            ) from None
    else:
        code = text.upper().replace(" ", "").replace("-", "")
    booking = Booking.objects.select_related("service__section", "location", "person").filter(code=code).first()
    if booking is None:
        raise CheckInRefused(_("Zu dieser Buchungsnummer gibt es keinen Termin. Bitte prüfen Sie die Eingabe."))
    return booking


def _next_number(*, location: Location, day: dt.date, prefix: str) -> int:
    last = Ticket.objects.filter(location=location, day=day, prefix=prefix).aggregate(top=Max("number"))["top"]
    return (last or 0) + 1


def _create_ticket(*, location: Location, service: Service, rule: QueueRule, now: dt.datetime, **fields: Any) -> Ticket:
    """A ticket with the next free number of the section's prefix today; the unique key on
    (location, day, prefix, number) decides between two desks that pick the same number."""
    day = timezone.localdate(now)
    for _attempt in range(NUMBER_ATTEMPTS):
        try:
            with transaction.atomic():
                return Ticket.objects.create(
                    location=location,
                    section=service.section,
                    service=service,
                    day=day,
                    prefix=rule.prefix,
                    number=_next_number(location=location, day=day, prefix=rule.prefix),
                    issued_at=now,
                    **fields,
                )
        except IntegrityError as exc:
            if "booking" in str(exc).lower():
                raise
            continue
    raise RuntimeError("No free ticket number after several attempts.")


def _remember_estimate(ticket: Ticket, now: dt.datetime) -> None:
    _ahead, ticket.estimate_minutes = ticket_wait_estimate(ticket=ticket, now=now)
    if ticket.estimate_minutes is not None:
        ticket.save(update_fields=["estimate_minutes"])


def _priority(*, rule: QueueRule, emergency: bool, assistance: bool, booked: bool) -> int:
    if emergency and rule.emergency_first:
        return Priority.EMERGENCY
    if assistance and rule.disability_first:
        return Priority.DISABILITY
    return Priority.APPOINTMENT if booked else Priority.NORMAL


def _check_booking(*, booking: Booking, location: Location, rule: QueueRule, now: dt.datetime) -> None:
    starts = timezone.localtime(booking.starts_at)
    if booking.status in (BookingStatus.CANCELLED, BookingStatus.EXPIRED):
        raise CheckInRefused(_("Dieser Termin wurde abgesagt oder ist verfallen."))
    if booking.status == BookingStatus.NO_SHOW:
        raise AppointmentMissed(_("Dieser Termin ist als „nicht erschienen“ vermerkt."))
    if booking.status in (BookingStatus.RESERVED, BookingStatus.OFFERED):
        raise CheckInRefused(_("Dieser Termin wurde nie bestätigt und gilt nicht."))
    if booking.location_id != location.pk:
        raise CheckInRefused(
            _("Dieser Termin ist an einem anderen Standort: %(location)s.") % {"location": booking.location.name}
        )
    if starts.date() != timezone.localdate(now):
        raise CheckInRefused(
            _("Dieser Termin ist nicht heute, sondern am %(date)s um %(time)s.")
            % {"date": date_format(starts.date(), "SHORT_DATE_FORMAT"), "time": starts.strftime("%H:%M")}
        )
    if now < booking.starts_at - dt.timedelta(minutes=rule.early_minutes):
        opens = timezone.localtime(booking.starts_at - dt.timedelta(minutes=rule.early_minutes))
        raise CheckInRefused(
            _("Der Termin ist um %(time)s. Einchecken ist ab %(opens)s möglich.")
            % {"time": starts.strftime("%H:%M"), "opens": opens.strftime("%H:%M")}
        )
    if now > booking.starts_at + dt.timedelta(minutes=rule.late_minutes):
        raise AppointmentMissed(
            _(
                "Der Termin war um %(time)s; mehr als %(minutes)d Minuten Verspätung. "
                "Der Termin verfällt; bitte geben Sie eine Wartemarke ohne Termin aus."
            )
            % {"time": starts.strftime("%H:%M"), "minutes": rule.late_minutes}
        )


def ticket_check_in(
    *,
    booking: Booking,
    location: Location,
    actor: Any,
    assistance: bool = False,
    now: dt.datetime | None = None,
    request_id: str = "",
) -> Ticket:
    """Check a booked person in at ``location``: a ticket in the section's queue, called from the
    appointment's start on (before walk-ins). Raises CheckInRefused (or a subclass) with a reason."""
    now = now_or(now)
    rule = queue_rule_for(section=booking.service.section)
    existing = Ticket.objects.filter(booking=booking).first()
    if existing is not None:
        raise AlreadyCheckedIn(existing)
    _check_booking(booking=booking, location=location, rule=rule, now=now)
    try:
        with transaction.atomic():
            ticket = _create_ticket(
                location=location,
                service=booking.service,
                rule=rule,
                now=now,
                booking=booking,
                priority=_priority(rule=rule, emergency=bool(booking.urgency), assistance=assistance, booked=True),
                emergency=bool(booking.urgency),
                assistance=assistance,
                ready_at=booking.starts_at,
            )
            event_record(
                ticket=ticket,
                kind=EventKind.CHECKED_IN,
                at=now,
                staff_id=getattr(actor, "pk", None),
                minutes_early=round((booking.starts_at - now).total_seconds() / 60),
            )
            _remember_estimate(ticket, now)
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                object_type="frontdesk.ticket",
                object_id=str(ticket.pk),
                person_id=booking.person_id,
                details={"fields": ["booking"]},
                request_id=request_id,
            )
    except IntegrityError:  # another desk checked the same booking in a moment ago
        raise AlreadyCheckedIn(Ticket.objects.get(booking=booking)) from None
    return ticket


def ticket_issue(
    *,
    location: Location,
    service: Service,
    actor: Any,
    emergency: bool = False,
    assistance: bool = False,
    now: dt.datetime | None = None,
) -> Ticket:
    """A walk-in ticket for ``service``, in the queue of the service's section (whose staff
    have the skill). Emergencies are taken after the cut-off and beyond the daily maximum."""
    now = now_or(now)
    rule = queue_rule_for(section=service.section)
    desk_rule = desk_rule_for(service=service)
    if not emergency:
        if not walk_in_allowed(service=service, rule=desk_rule):
            raise TicketRefused(
                _("Für dieses Anliegen gibt es keine Wartemarken ohne Termin. Bitte buchen Sie einen Termin.")
            )
        if timezone.localtime(now).time() >= rule.walk_in_cutoff:
            raise TicketRefused(
                _("Annahmeschluss für Wartemarken ohne Termin war heute um %(time)s. Bitte kommen Sie morgen wieder.")
                % {"time": rule.walk_in_cutoff.strftime("%H:%M")}
            )
    with transaction.atomic():
        if not emergency and desk_rule is not None and desk_rule.max_tickets_per_day is not None:
            _check_daily_maximum(desk_rule=desk_rule, location=location, now=now)
        ticket = _create_ticket(
            location=location,
            service=service,
            rule=rule,
            now=now,
            priority=_priority(rule=rule, emergency=emergency, assistance=assistance, booked=False),
            emergency=emergency,
            assistance=assistance,
            ready_at=now,
        )
        event_record(
            ticket=ticket,
            kind=EventKind.ISSUED,
            at=now,
            staff_id=getattr(actor, "pk", None),
        )
        _remember_estimate(ticket, now)
    return ticket


def _check_daily_maximum(*, desk_rule: ServiceDeskRule, location: Location, now: dt.datetime) -> None:
    # The rule's row is the lock: two desks issuing the last ticket of the day queue up here.
    lock(ServiceDeskRule.objects.filter(pk=desk_rule.pk)).get()
    issued = (
        Ticket.objects.filter(
            location=location, service_id=desk_rule.service_id, day=timezone.localdate(now), booking__isnull=True
        )
        .exclude(emergency=True)
        .count()
    )
    assert desk_rule.max_tickets_per_day is not None
    if issued >= desk_rule.max_tickets_per_day:
        raise TicketRefused(
            _("Für dieses Anliegen sind heute keine Wartemarken mehr frei (höchstens %(count)d am Tag).")
            % {"count": desk_rule.max_tickets_per_day}
        )
