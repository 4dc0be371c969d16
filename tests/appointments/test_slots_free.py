"""Free slots come from availability, skills, holidays, exceptions and existing bookings."""

from __future__ import annotations

import datetime as dt

from anlaufstelle.appointments.selectors import slots_free
from anlaufstelle.appointments.services import booking_cancel, booking_create

from ..factories import AvailabilityExceptionFactory, ServiceFactory, UserFactory

MONDAY = dt.date(2026, 3, 2)
BEFORE = dt.datetime(2026, 3, 1, 0, 0, tzinfo=dt.UTC)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo("Europe/Berlin")).astimezone(dt.UTC)


def test_a_morning_of_two_caseworkers_offers_every_half_hour_start_twice(office) -> None:  # type: ignore[no-untyped-def]
    slots = slots_free(
        service=office["service"], location=office["location"], day_from=MONDAY, day_to=MONDAY, now=BEFORE
    )
    assert [s.starts_at for s in slots][:2] == [local(MONDAY, 8), local(MONDAY, 8, 15)]
    assert slots[-1].starts_at == local(MONDAY, 11, 30)  # 11:30–12:00 is the last that fits
    assert {s.capacity for s in slots} == {2}


def test_a_booking_takes_one_caseworker_for_every_cell_it_covers(office) -> None:  # type: ignore[no-untyped-def]
    booking_create(service=office["service"], location=office["location"], starts_at=local(MONDAY, 9), now=BEFORE)
    slots = {
        s.starts_at: s.capacity
        for s in slots_free(
            service=office["service"], location=office["location"], day_from=MONDAY, day_to=MONDAY, now=BEFORE
        )
    }
    assert slots[local(MONDAY, 8, 30)] == 2  # 08:30–09:00 ends as the booking starts
    assert slots[local(MONDAY, 8, 45)] == 1
    assert slots[local(MONDAY, 9)] == 1
    assert slots[local(MONDAY, 9, 15)] == 1
    assert slots[local(MONDAY, 9, 30)] == 2


def test_a_public_holiday_has_no_slots(office) -> None:  # type: ignore[no-untyped-def]
    easter_monday = dt.date(2026, 4, 6)
    assert (
        slots_free(
            service=office["service"],
            location=office["location"],
            day_from=easter_monday,
            day_to=easter_monday,
            now=BEFORE,
        )
        == []
    )


def test_an_absence_removes_that_persons_time_only(office) -> None:  # type: ignore[no-untyped-def]
    AvailabilityExceptionFactory(staff=office["staff"][0], starts_at=local(MONDAY, 8), ends_at=local(MONDAY, 10))
    slots = {
        s.starts_at: s.capacity
        for s in slots_free(
            service=office["service"], location=office["location"], day_from=MONDAY, day_to=MONDAY, now=BEFORE
        )
    }
    assert slots[local(MONDAY, 8)] == 1
    assert slots[local(MONDAY, 10)] == 2


def test_only_qualified_staff_count(office) -> None:  # type: ignore[no-untyped-def]
    narrow = ServiceFactory(
        section=office["service"].section, duration_minutes=60, qualified_staff=[office["staff"][1]]
    )
    slots = slots_free(service=narrow, location=office["location"], day_from=MONDAY, day_to=MONDAY, now=BEFORE)
    assert {s.staff_ids for s in slots} == {(office["staff"][1].pk,)}
    assert slots[-1].starts_at == local(MONDAY, 11)


def test_past_times_are_not_offered(office) -> None:  # type: ignore[no-untyped-def]
    slots = slots_free(
        service=office["service"], location=office["location"], day_from=MONDAY, day_to=MONDAY, now=local(MONDAY, 10, 5)
    )
    assert slots[0].starts_at == local(MONDAY, 10, 15)


def test_a_cancelled_booking_gives_its_time_back(office) -> None:  # type: ignore[no-untyped-def]
    bookings = [
        booking_create(service=office["service"], location=office["location"], starts_at=local(MONDAY, 9), now=BEFORE)
        for _ in range(2)
    ]
    assert local(MONDAY, 9) not in {
        s.starts_at
        for s in slots_free(
            service=office["service"], location=office["location"], day_from=MONDAY, day_to=MONDAY, now=BEFORE
        )
    }
    booking_cancel(booking=bookings[0])
    assert local(MONDAY, 9) in {
        s.starts_at
        for s in slots_free(
            service=office["service"], location=office["location"], day_from=MONDAY, day_to=MONDAY, now=BEFORE
        )
    }


def test_the_clock_change_day_keeps_local_opening_times() -> None:
    from anlaufstelle.appointments.selectors import window_cells

    sunday_spring, sunday_autumn = dt.date(2026, 3, 29), dt.date(2026, 10, 25)
    # 01:00–04:00 local is two real hours in March and four in October
    assert len(window_cells(sunday_spring, dt.time(1), dt.time(4))) == 8
    assert len(window_cells(sunday_autumn, dt.time(1), dt.time(4))) == 16
    # in October a window 00:30–02:00 ends at 02:00 summer time (00:00 UTC): the repeated hour is not in it
    autumn = window_cells(sunday_autumn, dt.time(0, 30), dt.time(2))
    assert (autumn[0], autumn[-1]) == (
        dt.datetime(2026, 10, 24, 22, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 10, 24, 23, 45, tzinfo=dt.UTC),
    )
    # 02:00–02:30 does not exist on the March day: nothing to book
    assert window_cells(sunday_spring, dt.time(2), dt.time(2, 30)) == []


def test_a_staff_member_without_skill_is_never_offered(office) -> None:  # type: ignore[no-untyped-def]
    unskilled = UserFactory()
    slots = slots_free(
        service=office["service"], location=office["location"], day_from=MONDAY, day_to=MONDAY, now=BEFORE
    )
    assert all(unskilled.pk not in s.staff_ids for s in slots)
