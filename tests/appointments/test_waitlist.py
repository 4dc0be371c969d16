"""A cancelled slot goes to the waiting list first, in order, before it is public again."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from anlaufstelle.appointments.models import Booking, BookingCell, BookingStatus, CellHold, WaitlistEntry
from anlaufstelle.appointments.selectors import booking_window, slots_free
from anlaufstelle.appointments.services import (
    booking_cancel,
    booking_confirm,
    booking_create,
    freed_slots_offer,
    holds_expire_due,
    waitlist_join,
)
from anlaufstelle.core.models import OutboxMessage

from ..factories import PersonFactory


def _slots(office):  # type: ignore[no-untyped-def]
    first, last = booking_window(service=office["service"])
    return slots_free(service=office["service"], location=office["location"], day_from=first, day_to=last)


def _book(office, slot, **kwargs):  # type: ignore[no-untyped-def]
    return booking_create(
        service=office["service"],
        location=office["location"],
        starts_at=slot.starts_at,
        person=PersonFactory(),
        **kwargs,
    )


def test_a_cancelled_slot_is_offered_to_the_first_person_waiting_for_an_earlier_one(office):  # type: ignore[no-untyped-def]
    slots = _slots(office)
    early = _book(office, slots[0])
    late_first, late_second = _book(office, slots[-1]), _book(office, slots[-2])
    waitlist_join(booking=late_first)
    waitlist_join(booking=late_second)

    booking_cancel(booking=early)
    offers, _released = freed_slots_offer()

    assert offers == 1
    entry = WaitlistEntry.objects.get(booking=late_first)
    assert entry.status == WaitlistEntry.Status.OFFERED
    assert entry.offer.starts_at == early.starts_at
    assert entry.offer.status == BookingStatus.OFFERED
    assert WaitlistEntry.objects.get(booking=late_second).status == WaitlistEntry.Status.WAITING
    assert OutboxMessage.objects.filter(topic="appointments.waitlist_offer").count() == 1


def test_accepting_the_offer_books_it_and_gives_the_later_appointment_back(office):  # type: ignore[no-untyped-def]
    slots = _slots(office)
    early, late = _book(office, slots[0]), _book(office, slots[-1])
    waitlist_join(booking=late)
    booking_cancel(booking=early)
    freed_slots_offer()
    offer = WaitlistEntry.objects.get(booking=late).offer

    booking_confirm(booking=offer)

    offer.refresh_from_db()
    late.refresh_from_db()
    assert offer.status == BookingStatus.CONFIRMED
    assert late.status == BookingStatus.CANCELLED
    assert late.replaced_by == offer
    assert WaitlistEntry.objects.get(booking=late).status == WaitlistEntry.Status.BOOKED


def test_an_offer_not_accepted_in_time_passes_to_the_next_person(office):  # type: ignore[no-untyped-def]
    slots = _slots(office)
    early = _book(office, slots[0])
    first, second = _book(office, slots[-1]), _book(office, slots[-2])
    waitlist_join(booking=first)
    waitlist_join(booking=second)
    booking_cancel(booking=early)
    freed_slots_offer()
    offer = WaitlistEntry.objects.get(booking=first).offer

    later = offer.hold_until + dt.timedelta(seconds=1)
    holds_expire_due(now=later)
    freed_slots_offer(now=later)

    assert WaitlistEntry.objects.get(booking=first).status == WaitlistEntry.Status.ENDED
    assert WaitlistEntry.objects.get(booking=second).offer.starts_at == early.starts_at


def test_without_anyone_waiting_the_slot_is_public_only_after_the_embargo(office):  # type: ignore[no-untyped-def]
    slot = _slots(office)[0]
    booking = _book(office, slot)
    other_staff_booking = _book(office, slot)  # both staff busy: the slot is gone
    now = timezone.now()

    booking_cancel(booking=booking, now=now)
    freed_slots_offer(now=now)
    day = timezone.localtime(slot.starts_at).date()
    during = slots_free(service=office["service"], location=office["location"], day_from=day, day_to=day, now=now)
    embargo_end = BookingCell.objects.filter(hold=CellHold.EMBARGO).first().held_until
    freed_slots_offer(now=embargo_end)
    after = slots_free(service=office["service"], location=office["location"], day_from=day, day_to=day, now=now)

    assert slot.starts_at not in {s.starts_at for s in during}
    assert slot.starts_at in {s.starts_at for s in after}
    assert other_staff_booking.status == BookingStatus.CONFIRMED


def test_nobody_is_offered_a_slot_later_than_the_one_they_have(office):  # type: ignore[no-untyped-def]
    slots = _slots(office)
    early = _book(office, slots[0])
    late = _book(office, slots[-1])
    waitlist_join(booking=early)

    booking_cancel(booking=late)
    offers, _released = freed_slots_offer()

    assert offers == 0
    assert Booking.objects.filter(status=BookingStatus.OFFERED).count() == 0
