"""Write side of appointments: reserve, confirm, book, move and cancel, safe under concurrency.

Every path ends in ``_occupy``: it re-computes the free staff for the chosen start inside the
caller's transaction and inserts one BookingCell per grid cell; the unique key on
(staff, cell) decides between two people who chose the same time. Mail is written to the
outbox in the same transaction and sent after commit.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from anlaufstelle.core.inserts import insert_instance, insert_rows
from anlaufstelle.core.links import link_token, link_value
from anlaufstelle.core.locking import lock, try_claim
from anlaufstelle.core.models import AuditAction, Person
from anlaufstelle.core.services import audit_record, person_create

from ..models import OPEN_STATUSES, Booking, BookingCell, BookingStatus, CellHold, Location, Service
from ..selectors import GRID, Slot, booking_window, emergency_open, people_with_address, slot_free

_RANDOM = random.SystemRandom()
CODE_ALPHABET = "ACDEFHJKLMNPQRTUVWXY34679"  # no 0/O, 1/I, 2/Z, 5/S, 8/B: easy to read out on the phone


class BookingError(Exception):
    """A booking that cannot be made as asked; ``str(error)`` is a message for the person."""


class SlotUnavailable(BookingError):
    """The chosen time is not (or no longer) free; the user should pick another."""

    def __init__(self) -> None:
        super().__init__(_("Dieser Termin ist leider nicht mehr frei. Bitte wählen Sie eine andere Uhrzeit."))


class BookingRefused(BookingError):
    """The booking breaks a rule (window, caps, booking mode); the message says which."""


class LinkExpired(BookingError):
    def __init__(self) -> None:
        super().__init__(
            _("Dieser Link ist abgelaufen. Die Reservierung wurde freigegeben; bitte buchen Sie den Termin neu.")
        )


@dataclass(frozen=True)
class Contact:
    given_names: str
    family_name: str
    email: str
    phone: str = ""
    language: str = "de"


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def person_for_contact(*, contact: Contact, request_id: str = "", candidates: list[Person] | None = None) -> Person:
    """The person with exactly this name and e-mail address, or a new one (audited as created online).

    ``candidates``: the people with this address, if the caller has already read them."""
    if candidates is None:
        candidates = people_with_address(contact.email)
    for person in candidates:
        if _normalise(person.given_names) == _normalise(contact.given_names) and _normalise(
            person.family_name
        ) == _normalise(contact.family_name):
            if person.preferred_language != contact.language or (contact.phone and person.phone != contact.phone):
                person.preferred_language = contact.language
                person.phone = contact.phone or person.phone
                person.save(update_fields=["preferred_language", "phone", "updated_at"])
            return person
    return person_create(
        actor=None,
        data={
            "given_names": contact.given_names.strip(),
            "family_name": contact.family_name.strip(),
            "email": contact.email.strip(),
            "phone": contact.phone.strip(),
            "preferred_language": contact.language,
        },
        reason=_("Online-Buchung"),
        request_id=request_id,
    )


def _new_code() -> str:
    """A random booking code (25^8 of them); that it is new, the unique key on (tenant, code) checks."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def _free_slot(*, service: Service, location: Location, starts_at: dt.datetime, now: dt.datetime) -> Slot:
    """The free slot starting at ``starts_at`` with who could serve it, or SlotUnavailable."""
    slot = slot_free(service=service, location=location, starts_at=starts_at, now=now)
    if slot is None:
        raise SlotUnavailable
    return slot


def _occupy(
    *,
    service: Service,
    location: Location,
    starts_at: dt.datetime,
    now: dt.datetime,
    prefer_staff: int | None = None,
    slot: Slot | None = None,
    on_claim: Callable[[], dict[str, Any]] | None = None,
    **fields: Any,
) -> Booking:
    """Create the booking and hold its cells with the first free qualified staff member.

    ``slot``: the free slot the caller already looked up in this transaction. ``on_claim``: more
    fields of the booking, made only once a staff member's time is claimed (work a refused
    attempt need not do, such as creating the person)."""
    starts_at = starts_at.astimezone(dt.UTC)
    if slot is None:
        slot = _free_slot(service=service, location=location, starts_at=starts_at, now=now)
    # The preferred staff member first, the others in random order: people racing for one time
    # then mostly try different staff instead of all queueing on the first one's cell.
    others = [pk for pk in slot.staff_ids if pk != prefer_staff]
    candidates = [prefer_staff] if prefer_staff in slot.staff_ids else []
    for staff_id in candidates + _RANDOM.sample(others, len(others)):
        # Someone else is booking this staff member at this time right now: the unique key of the
        # cells would make us wait for their commit only to refuse us; try the next one at once.
        if not try_claim(f"booking:{staff_id}:{slot.starts_at.timestamp():.0f}"):
            continue
        if on_claim is not None:
            fields |= on_claim()
            on_claim = None
        booking = _hold(service=service, location=location, staff_id=staff_id, slot=slot, fields=fields)
        if booking is not None:
            return booking
    raise SlotUnavailable


def _hold(*, service: Service, location: Location, staff_id: int, slot: Slot, fields: dict[str, Any]) -> Booking | None:
    """The booking with ``staff_id``'s cells for ``slot``, or None where one of them is taken.

    Without a savepoint (two round trips for every booking): the rows go in unless their unique
    key is taken. A code that exists already (one chance in 10^11 per booking and existing
    booking) is drawn again; a booking whose cells someone else holds is taken out again."""
    while True:
        code = _new_code()
        booking = insert_instance(
            Booking(
                service=service,
                location=location,
                staff_id=staff_id,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                code=code,
                **fields,
            ),
            unless_taken=True,
        )
        if booking is not None:
            break
        if not Booking.objects.filter(code=code).exists():  # its only unique key besides the id
            raise IntegrityError(f"A booking was refused by a unique key other than its code ({code}).")
    cells = [
        {"tenant_id": booking.tenant_id, "booking_id": booking.pk, "staff_id": staff_id, "starts_at": start}
        for start in (slot.starts_at + i * GRID for i in range(service.cells))
    ]
    # the cells' one unique key (staff, start) is what decides between two people booking a time
    if insert_rows(BookingCell, cells, unless_taken=True) == len(cells):
        return booking
    BookingCell.objects.filter(booking=booking).delete()
    Booking.objects.filter(pk=booking.pk).delete()
    return None


def booking_create(
    *,
    service: Service,
    location: Location,
    starts_at: dt.datetime,
    person: Person | None = None,
    channel: str = Booking.Channel.ONLINE,
    status: str = BookingStatus.CONFIRMED,
    hold_until: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Booking:
    """Book ``service`` at ``starts_at`` with a free qualified staff member, or raise SlotUnavailable.

    No rules besides free capacity: callers (online, staff, allocation) check theirs first.

    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = _occupy(
            service=service,
            location=location,
            starts_at=starts_at,
            now=now,
            person=person,
            channel=channel,
            status=status,
            hold_until=hold_until,
            confirmed_at=now if status == BookingStatus.CONFIRMED else None,
        )
    return booking


def _check_online_rules(
    *, service: Service, location: Location, starts_at: dt.datetime, urgency: str, now: dt.datetime
) -> None:
    """Booking mode, window (or today's emergency release) and not in the past."""
    if not service.is_active or service.booking_mode == Service.BookingMode.DESK:
        raise BookingRefused(
            _("Für dieses Anliegen kann man keinen Termin online buchen. Bitte kommen Sie zum Empfang.")
        )
    day = timezone.localtime(starts_at).date()
    if urgency:
        if day != timezone.localtime(now).date() or not emergency_open(location=location, now=now):
            raise BookingRefused(_("Notfalltermine gibt es nur für heute, ab der Freigabe am Morgen."))
    else:
        if service.booking_mode != Service.BookingMode.ONLINE:
            raise BookingRefused(_("Termine für dieses Anliegen werden über eine Bedarfsanmeldung vergeben."))
        first, last = booking_window(service=service, now=now)
        if not first <= day <= last:
            raise BookingRefused(
                _("Termine für dieses Anliegen kann man vom %(first)s bis zum %(last)s buchen.")
                % {"first": date_format(first, "SHORT_DATE_FORMAT"), "last": date_format(last, "SHORT_DATE_FORMAT")}
            )
    if starts_at < now:
        raise BookingRefused(_("Dieser Zeitpunkt liegt in der Vergangenheit."))


def _check_address_cap(*, email: str, now: dt.datetime) -> None:
    """No more than APPOINTMENTS_MAX_OPEN_PER_EMAIL open appointments per e-mail address."""
    open_for_address = Booking.objects.filter(
        status__in=OPEN_STATUSES, starts_at__gte=now, person__email__iexact=email.strip()
    ).count()
    if open_for_address >= settings.APPOINTMENTS_MAX_OPEN_PER_EMAIL:
        raise BookingRefused(
            ngettext(
                "Mit dieser E-Mail-Adresse ist schon %(count)d Termin offen. "
                "Bitte sagen Sie ihn ab, bevor Sie einen neuen buchen.",
                "Mit dieser E-Mail-Adresse sind schon %(count)d Termine offen. "
                "Bitte sagen Sie einen davon ab, bevor Sie einen neuen buchen.",
                open_for_address,
            )
            % {"count": open_for_address}
        )


def _check_person_cap(*, person: Person, now: dt.datetime) -> None:
    """No more than APPOINTMENTS_MAX_OPEN_PER_PERSON open appointments per person."""
    open_for_person = Booking.objects.filter(status__in=OPEN_STATUSES, starts_at__gte=now, person=person).count()
    if open_for_person >= settings.APPOINTMENTS_MAX_OPEN_PER_PERSON:
        raise BookingRefused(
            ngettext(
                "Sie haben schon %(count)d offenen Termin. Bitte sagen Sie ihn ab.",
                "Sie haben schon %(count)d offene Termine. Bitte sagen Sie einen davon ab.",
                open_for_person,
            )
            % {"count": open_for_person}
        )


def booking_available(
    *, service: Service, location: Location, starts_at: dt.datetime, urgency: str = "", now: dt.datetime | None = None
) -> Slot:
    """The free slot an online booking of ``service`` at ``starts_at`` would take, with who could
    serve it; BookingRefused for a time the rules exclude, SlotUnavailable for one that is gone.

    No transaction, one indexed query: most attempts in a rush are for a slot already gone, and
    are told so before anything else. Whoever takes the slot after this wins on the unique key
    of its cells, and the booking tries the next staff member or refuses."""
    now = now or timezone.now()
    starts_at = starts_at.astimezone(dt.UTC)
    _check_online_rules(service=service, location=location, starts_at=starts_at, urgency=urgency, now=now)
    return _free_slot(service=service, location=location, starts_at=starts_at, now=now)


def booking_reserve(
    *,
    service: Service,
    location: Location,
    starts_at: dt.datetime,
    contact: Contact,
    urgency: str = "",
    origin_network: str = "",
    request_id: str = "",
    slot: Slot | None = None,
    now: dt.datetime | None = None,
) -> Booking:
    """Online booking, step one: hold the slot briefly and mail a link that confirms the address.

    Until the link is opened the slot stays reserved for APPOINTMENTS_RESERVATION_HOLD_MINUTES;
    then it is released by the ``release_expired_holds`` job. ``slot``: what
    :func:`booking_available` just said of the same service, location, time and urgency.
    """
    from .mail import mail_address_check

    now = now or timezone.now()
    starts_at = starts_at.astimezone(dt.UTC)
    if slot is None or slot.starts_at != starts_at:
        slot = booking_available(service=service, location=location, starts_at=starts_at, urgency=urgency, now=now)
    with transaction.atomic():
        # Nobody with this address yet (the usual case): no open appointments to count.
        with_address = people_with_address(contact.email)
        if with_address:
            _check_address_cap(email=contact.email, now=now)

        def person() -> dict[str, Any]:
            # Made (and audited) only by an attempt that has claimed a time, not by those refused.
            found = person_for_contact(contact=contact, request_id=request_id, candidates=with_address)
            if found in with_address:
                _check_person_cap(person=found, now=now)
            return {"person": found}

        booking = _occupy(
            service=service,
            location=location,
            starts_at=starts_at,
            now=now,
            slot=slot,
            on_claim=person,
            channel=Booking.Channel.ONLINE,
            status=BookingStatus.RESERVED,
            hold_until=now + dt.timedelta(minutes=settings.APPOINTMENTS_RESERVATION_HOLD_MINUTES),
            urgency=urgency,
            origin_network=origin_network,
        )
        mail_address_check(booking=booking)
    return booking


def booking_token(booking: Booking) -> str:
    """The token in the links of mails, to confirm, look at, move or cancel ``booking``. Only
    ever sent by mail: whoever holds it has shown they read the person's mailbox."""
    return link_token("booking", booking.code)


def booking_receipt_token(booking: Booking) -> str:
    """The token given to whoever just made a reservation (the page after the form, the API):
    enough to see or cancel it, not to confirm it — that takes the link in the mail."""
    return link_token("receipt", booking.code)


def booking_by_token(*, token: str, kind: str = "booking") -> Booking:
    """The booking a link of ``kind`` belongs to; raises Booking.DoesNotExist for an unknown or
    forged token, or a token of another kind."""
    try:
        code = link_value(kind, token)
    except signing.BadSignature:
        raise Booking.DoesNotExist from None
    return Booking.objects.select_related("service", "location", "person").get(code=code)


def booking_confirm(*, booking: Booking, now: dt.datetime | None = None) -> Booking:
    """The person opened the link of a reservation or accepted an offer: the appointment is theirs.

    Confirming twice is harmless. An accepted waiting-list offer cancels the person's later
    appointment; an accepted allocation offer closes the request.
    """
    from .mail import mail_confirmation

    now = now or timezone.now()
    with transaction.atomic():
        booking = lock(Booking.objects.filter(pk=booking.pk)).get()
        if booking.status == BookingStatus.CONFIRMED:
            return booking
        if booking.status not in (BookingStatus.RESERVED, BookingStatus.OFFERED) or (
            booking.hold_until and booking.hold_until < now
        ):
            raise LinkExpired
        booking.status = BookingStatus.CONFIRMED
        booking.confirmed_at = now
        booking.hold_until = None
        booking.save(update_fields=["status", "confirmed_at", "hold_until"])
        _settle_offer(booking=booking, now=now)
        mail_confirmation(booking=booking)
    return booking


def _settle_offer(*, booking: Booking, now: dt.datetime) -> None:
    from ..models import AllocationRequest, WaitlistEntry

    entry = WaitlistEntry.objects.filter(offer=booking).select_related("booking").first()
    if entry is not None:
        entry.status = WaitlistEntry.Status.BOOKED
        entry.save(update_fields=["status"])
        if entry.booking and entry.booking.status in OPEN_STATUSES:
            booking_cancel(booking=entry.booking, now=now, replaced_by=booking)
    AllocationRequest.objects.filter(offer=booking).update(status=AllocationRequest.Status.BOOKED)


def booking_cancel(
    *,
    booking: Booking,
    actor: Any = None,
    reason: str = "",
    request_id: str = "",
    replaced_by: Booking | None = None,
    notify: bool = True,
    now: dt.datetime | None = None,
) -> Booking:
    """Cancel a booking. A future slot goes to the waiting list first and is public again after
    APPOINTMENTS_EMBARGO_MINUTES; staff must give a reason, which is audited."""
    from ..tasks import offer_freed_slots
    from .mail import mail_cancelled

    now = now or timezone.now()
    staff = _by_staff(actor=actor, reason=reason)
    with transaction.atomic():
        booking = lock(Booking.objects.filter(pk=booking.pk)).get()
        if booking.status not in OPEN_STATUSES:
            return booking
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.replaced_by = replaced_by
        booking.save(update_fields=["status", "cancelled_at", "replaced_by"])
        if booking.starts_at > now:
            booking.cells.update(
                hold=CellHold.EMBARGO, held_until=now + dt.timedelta(minutes=settings.APPOINTMENTS_EMBARGO_MINUTES)
            )
            transaction.on_commit(offer_freed_slots.enqueue)
        else:
            booking.cells.all().delete()
        if staff:
            _audit(actor=actor, booking=booking, action=AuditAction.DELETE, reason=reason, request_id=request_id)
        if notify and replaced_by is None:
            mail_cancelled(booking=booking)
    return booking


def booking_move(
    *,
    booking: Booking,
    starts_at: dt.datetime,
    actor: Any = None,
    reason: str = "",
    request_id: str = "",
    now: dt.datetime | None = None,
) -> Booking:
    """Move an appointment: the new time is booked first, then the old one is cancelled, in one
    transaction, so the person never ends up with neither. The name cannot change."""
    from .mail import mail_confirmation

    now = now or timezone.now()
    staff = _by_staff(actor=actor, reason=reason)
    if booking.status != BookingStatus.CONFIRMED or booking.starts_at <= now:
        raise BookingRefused(_("Dieser Termin kann nicht mehr verlegt werden."))
    if not staff:
        _check_online_rules(
            service=booking.service, location=booking.location, starts_at=starts_at, urgency=booking.urgency, now=now
        )
    with transaction.atomic():
        new = _occupy(
            service=booking.service,
            location=booking.location,
            starts_at=starts_at,
            now=now,
            person=booking.person,
            channel=booking.channel,
            status=BookingStatus.CONFIRMED,
            confirmed_at=now,
            urgency=booking.urgency,
            origin_network=booking.origin_network,
        )
        booking_cancel(booking=booking, replaced_by=new, now=now)
        if staff:
            _audit(actor=actor, booking=new, action=AuditAction.CHANGE, reason=reason, request_id=request_id)
        mail_confirmation(booking=new)
    return new


def booking_create_for_person(
    *,
    actor: Any,
    person: Person,
    service: Service,
    location: Location,
    starts_at: dt.datetime,
    reason: str,
    request_id: str = "",
    now: dt.datetime | None = None,
) -> Booking:
    """Staff book for a person (e.g. on the phone): any free time, a reason, an audit entry, a mail."""
    from .mail import mail_confirmation

    _by_staff(actor=actor, reason=reason, required=True)
    now = now or timezone.now()
    with transaction.atomic():
        booking = _occupy(
            service=service,
            location=location,
            starts_at=starts_at,
            now=now,
            person=person,
            channel=Booking.Channel.STAFF,
            status=BookingStatus.CONFIRMED,
            confirmed_at=now,
        )
        _audit(actor=actor, booking=booking, action=AuditAction.CREATE, reason=reason, request_id=request_id)
        mail_confirmation(booking=booking)
    return booking


def _by_staff(*, actor: Any, reason: str, required: bool = False) -> bool:
    """Whether a signed-in staff member acts; staff (or any caller when ``required``) must give a reason."""
    staff = bool(actor is not None and getattr(actor, "is_authenticated", False))
    if (staff or required) and not reason.strip():
        raise BookingRefused(_("Bitte geben Sie einen Grund an."))
    return staff


def _audit(*, actor: Any, booking: Booking, action: AuditAction, reason: str, request_id: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="appointments.booking",
        object_id=str(booking.pk),
        person_id=booking.person_id,
        reason=reason,
        request_id=request_id,
    )
