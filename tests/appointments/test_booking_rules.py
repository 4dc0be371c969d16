"""Rules of online booking: window, daily release time, caps, booking modes; staff book with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from anlaufstelle.appointments.models import Booking, BookingStatus, Service
from anlaufstelle.appointments.selectors import BERLIN, booking_window, slots_free
from anlaufstelle.appointments.services import (
    BookingRefused,
    Contact,
    booking_cancel,
    booking_create_for_person,
    booking_reserve,
    reminders_send_due,
)
from anlaufstelle.core.models import AuditEntry, OutboxMessage

from ..factories import PersonFactory

SUNDAY = dt.date(2026, 3, 1)


def _berlin(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def _contact(email: str = "a@example.org", given: str = "Amina") -> Contact:
    return Contact(given_names=given, family_name="Haddad", email=email)


def _free(office, now):  # type: ignore[no-untyped-def]
    first, last = booking_window(service=office["service"], now=now)
    return slots_free(service=office["service"], location=office["location"], day_from=first, day_to=last, now=now)


def test_the_last_day_of_the_window_opens_at_the_release_time(office):  # type: ignore[no-untyped-def]
    service = office["service"]
    service.latest_days, service.release_time = 10, dt.time(8, 0)

    before = booking_window(service=service, now=_berlin(SUNDAY, 7, 59))
    after = booking_window(service=service, now=_berlin(SUNDAY, 8, 0))

    assert before[1] == SUNDAY + dt.timedelta(days=9)
    assert after[1] == SUNDAY + dt.timedelta(days=10)


def test_a_day_outside_the_window_is_refused_with_the_window_in_the_message(office):  # type: ignore[no-untyped-def]
    office["service"].latest_days = 5
    office["service"].save()
    far = _berlin(SUNDAY + dt.timedelta(days=15), 8)  # a Monday

    with pytest.raises(BookingRefused, match="bis zum"):
        booking_reserve(
            service=office["service"],
            location=office["location"],
            starts_at=far,
            contact=_contact(),
            now=_berlin(SUNDAY, 9),
        )
    assert not Booking.objects.exists()


def test_a_past_time_is_refused(office):  # type: ignore[no-untyped-def]
    office["service"].earliest_days = 0
    office["service"].save()
    with pytest.raises(BookingRefused):
        booking_reserve(
            service=office["service"],
            location=office["location"],
            starts_at=_berlin(SUNDAY + dt.timedelta(days=1), 8),
            contact=_contact(),
            now=_berlin(SUNDAY + dt.timedelta(days=1), 9),
        )


def test_one_address_cannot_hold_more_open_appointments_than_the_cap(office, settings):  # type: ignore[no-untyped-def]
    settings.APPOINTMENTS_MAX_OPEN_PER_EMAIL = 2
    now = _berlin(SUNDAY, 9)
    slots = _free(office, now)
    for index in range(2):
        booking_reserve(
            service=office["service"],
            location=office["location"],
            starts_at=slots[index * 4].starts_at,
            contact=_contact(given=f"Person{index}"),
            now=now,
        )

    with pytest.raises(BookingRefused, match="schon 2 Termine"):
        booking_reserve(
            service=office["service"],
            location=office["location"],
            starts_at=slots[12].starts_at,
            contact=_contact(email="A@Example.org", given="Third"),
            now=now,
        )


@pytest.mark.parametrize("mode", [Service.BookingMode.REQUEST, Service.BookingMode.DESK])
def test_services_not_bookable_online_are_refused(office, mode):  # type: ignore[no-untyped-def]
    now = _berlin(SUNDAY, 9)
    slot = _free(office, now)[0]  # free capacity does not depend on the booking mode
    office["service"].booking_mode = mode
    office["service"].save()

    with pytest.raises(BookingRefused):
        booking_reserve(
            service=office["service"],
            location=office["location"],
            starts_at=slot.starts_at,
            contact=_contact(),
            now=now,
        )


def test_staff_book_and_cancel_for_a_person_with_a_reason_and_both_are_audited(office, personas):  # type: ignore[no-untyped-def]
    now = _berlin(SUNDAY, 9)
    slot = _free(office, now)[0]
    person = PersonFactory(email="person@example.org")

    with pytest.raises(BookingRefused):
        booking_create_for_person(
            actor=personas.caseworker,
            person=person,
            service=office["service"],
            location=office["location"],
            starts_at=slot.starts_at,
            reason=" ",
            now=now,
        )
    booking = booking_create_for_person(
        actor=personas.caseworker,
        person=person,
        service=office["service"],
        location=office["location"],
        starts_at=slot.starts_at,
        reason="Anruf, kein Internetzugang",
        now=now,
    )
    booking_cancel(booking=booking, actor=personas.caseworker, reason="Person hat angerufen", now=now)

    entries = AuditEntry.objects.filter(object_type="appointments.booking", person_id=person.pk)
    assert [(e.action, e.reason) for e in entries.order_by("pk")] == [
        ("create", "Anruf, kein Internetzugang"),
        ("delete", "Person hat angerufen"),
    ]
    assert booking.channel == Booking.Channel.STAFF
    assert OutboxMessage.objects.filter(topic="appointments.confirmation").count() == 1
    assert OutboxMessage.objects.filter(topic="appointments.cancelled").count() == 1


def test_a_reminder_goes_out_once_the_day_before(office):  # type: ignore[no-untyped-def]
    now = _berlin(SUNDAY, 9)
    slot = _free(office, now)[0]
    booking = booking_create_for_person(
        actor=None,
        person=PersonFactory(email="p@example.org"),
        service=office["service"],
        location=office["location"],
        starts_at=slot.starts_at,
        reason="Telefon",
        now=now - dt.timedelta(days=3),
    )
    Booking.objects.filter(pk=booking.pk).update(confirmed_at=now - dt.timedelta(days=3))
    day_before = slot.starts_at - dt.timedelta(hours=20)

    assert reminders_send_due(now=slot.starts_at - dt.timedelta(hours=30)) == 0
    assert reminders_send_due(now=day_before) == 1
    assert reminders_send_due(now=day_before) == 0
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED
