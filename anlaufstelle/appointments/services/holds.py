"""Time held back and given back: the emergency share, reservations and offers that run out,
cancelled slots that go to the waiting list first, and reminders. Run by the task layer."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from anlaufstelle.core.locking import lock

from ..models import (
    AllocationRequest,
    Booking,
    BookingCell,
    BookingStatus,
    CellHold,
    Location,
    Service,
    WaitlistEntry,
    WeeklyAvailability,
)
from ..selectors import BERLIN, available_cells, emergency_open
from .booking import SlotUnavailable, _occupy


def emergency_hold_top_up(*, location: Location, day_from: dt.date, day_to: dt.date) -> int:
    """Hold back ``location.emergency_share`` percent of each staff member's time on each day,
    from the start of the day, so it can be released on the morning itself. Idempotent: only
    the missing part is added, and a cell booked meanwhile is simply skipped. Returns cells added."""
    if location.emergency_share == 0:
        return 0
    staff_ids = set(WeeklyAvailability.objects.filter(location=location).values_list("staff_id", flat=True))
    present = available_cells(staff_ids=staff_ids, location=location, day_from=day_from, day_to=day_to, free_only=False)
    range_start = dt.datetime.combine(day_from, dt.time.min, tzinfo=BERLIN)
    range_end = dt.datetime.combine(day_to + dt.timedelta(days=1), dt.time.min, tzinfo=BERLIN)
    occupied: dict[int, set[dt.datetime]] = defaultdict(set)
    held: dict[tuple[int, dt.date], int] = defaultdict(int)
    for staff_id, cell, hold in BookingCell.objects.filter(
        staff_id__in=staff_ids, starts_at__gte=range_start, starts_at__lt=range_end
    ).values_list("staff_id", "starts_at", "hold"):
        occupied[staff_id].add(cell)
        if hold == CellHold.EMERGENCY:
            held[(staff_id, cell.astimezone(BERLIN).date())] += 1
    new = []
    for staff_id, cells in present.items():
        by_day: dict[dt.date, list[dt.datetime]] = defaultdict(list)
        for cell in cells:
            by_day[cell.astimezone(BERLIN).date()].append(cell)
        for day, day_cells in by_day.items():
            missing = round(len(day_cells) * location.emergency_share / 100) - held[(staff_id, day)]
            for cell in sorted(c for c in day_cells if c not in occupied[staff_id])[: max(missing, 0)]:
                new.append(BookingCell(staff_id=staff_id, starts_at=cell, hold=CellHold.EMERGENCY, location=location))
    for held_cell in new:
        held_cell.tenant = location.tenant
    return len(BookingCell.objects.bulk_create(new, ignore_conflicts=True))


def emergency_hold_horizon(*, now: dt.datetime | None = None) -> int:
    """Top up the emergency share for every location from tomorrow to the end of the longest window."""
    today = timezone.localtime(now or timezone.now()).date()
    longest = Service.objects.aggregate(days=Max("latest_days"))["days"] or 0
    return sum(
        emergency_hold_top_up(
            location=location, day_from=today + dt.timedelta(days=1), day_to=today + dt.timedelta(days=longest + 1)
        )
        for location in Location.objects.filter(emergency_share__gt=0)
    )


def emergency_release_due(*, now: dt.datetime | None = None) -> int:
    """Give today's held-back time free at each location once its release time has come."""
    now = now or timezone.now()
    tomorrow = dt.datetime.combine(timezone.localtime(now).date() + dt.timedelta(days=1), dt.time.min, tzinfo=BERLIN)
    released = 0
    for location in Location.objects.filter(emergency_share__gt=0):
        if emergency_open(location=location, now=now):
            released += BookingCell.objects.filter(
                hold=CellHold.EMERGENCY, location=location, starts_at__lt=tomorrow
            ).delete()[0]
    return released


def holds_expire_due(*, now: dt.datetime | None = None) -> int:
    """Reservations whose address was not confirmed and offers not accepted in time run out.

    A reservation's time is free at once; a waiting-list offer's time goes to the next person on
    the list; an allocation offer's time goes back to the next allocation run.
    """
    now = now or timezone.now()
    expired = 0
    for booking in Booking.objects.filter(
        status__in=[BookingStatus.RESERVED, BookingStatus.OFFERED], hold_until__lt=now
    ).order_by("pk"):
        with transaction.atomic():
            booking = lock(Booking.objects.filter(pk=booking.pk)).get()
            if booking.status not in (BookingStatus.RESERVED, BookingStatus.OFFERED):
                continue
            booking.status = BookingStatus.EXPIRED
            booking.save(update_fields=["status"])
            if WaitlistEntry.objects.filter(offer=booking).update(status=WaitlistEntry.Status.ENDED):
                booking.cells.update(hold=CellHold.EMBARGO, held_until=now)
            else:
                booking.cells.all().delete()
            request = AllocationRequest.objects.filter(offer=booking).first()
            if request is not None:
                request.missed_offers += 1
                request.offer = None
                request.status = (
                    AllocationRequest.Status.WITHDRAWN
                    if request.missed_offers >= settings.APPOINTMENTS_ALLOCATION_MAX_MISSED_OFFERS
                    else AllocationRequest.Status.PENDING
                )
                request.save(update_fields=["missed_offers", "offer", "status"])
            expired += 1
    return expired


def freed_slots_offer(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Cancelled time goes first to the waiting list (in order of sign-up), then back to the public
    once its embargo has run out. Returns (offers made, bookings whose time became public)."""
    from .mail import mail_offer

    now = now or timezone.now()
    accept = dt.timedelta(minutes=settings.APPOINTMENTS_WAITLIST_ACCEPT_MINUTES)
    offers = released = 0
    cancelled = (
        Booking.objects.filter(cells__hold=CellHold.EMBARGO)
        .distinct()
        .select_related("service", "location")
        .order_by("starts_at")
    )
    for booking in cancelled:
        with transaction.atomic():
            cells = lock(BookingCell.objects.filter(booking=booking, hold=CellHold.EMBARGO))
            cells_list = list(cells)
            if not cells_list:
                continue
            if booking.starts_at < now + accept:
                cells.delete()  # too late for an offer; past or nearly: give it back
                released += 1
                continue
            local_day = timezone.localtime(booking.starts_at).date()
            entries = WaitlistEntry.objects.filter(
                service=booking.service,
                location=booking.location,
                status=WaitlistEntry.Status.WAITING,
                before__gt=local_day,
            )
            if booking.person_id is not None:
                entries = entries.exclude(person_id=booking.person_id)
            entry = entries.select_related("person").order_by("confirmed_at", "pk").first()
            if entry is None:
                if all(c.held_until and c.held_until <= now for c in cells_list):
                    cells.delete()
                    released += 1
                continue
            staff_id = cells_list[0].staff_id
            cells.delete()
            try:
                offer = _occupy(
                    service=booking.service,
                    location=booking.location,
                    starts_at=booking.starts_at,
                    now=now,
                    prefer_staff=staff_id,
                    person=entry.person,
                    channel=Booking.Channel.WAITLIST,
                    status=BookingStatus.OFFERED,
                    hold_until=now + accept,
                )
            except SlotUnavailable:
                continue
            entry.status = WaitlistEntry.Status.OFFERED
            entry.offer = offer
            entry.save(update_fields=["status", "offer"])
            mail_offer(booking=offer, kind="waitlist_offer")
            offers += 1
    return offers, released


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Remind everyone with a confirmed appointment in the next APPOINTMENTS_REMINDER_HOURS, once."""
    from .mail import mail_reminder

    now = now or timezone.now()
    due = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + dt.timedelta(hours=settings.APPOINTMENTS_REMINDER_HOURS),
        confirmed_at__lt=now - dt.timedelta(hours=1),  # just booked: the confirmation is reminder enough
    ).select_related("service", "location", "person")
    sent = 0
    for booking in due:
        with transaction.atomic():
            claimed = Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(reminded_at=now)
            if claimed and mail_reminder(booking=booking):
                sent += 1
    return sent
