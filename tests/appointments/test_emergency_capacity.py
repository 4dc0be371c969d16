"""The emergency counter: a share of each day is held back and released on the morning itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from anlaufstelle.appointments.models import BookingCell, CellHold, Urgency
from anlaufstelle.appointments.selectors import BERLIN, available_cells, slots_free
from anlaufstelle.appointments.services import (
    BookingRefused,
    Contact,
    booking_reserve,
    emergency_hold_top_up,
    emergency_release_due,
)

MONDAY = dt.date(2026, 3, 2)


@pytest.fixture
def emergency_office(office):  # type: ignore[no-untyped-def]
    office["location"].emergency_share = 25
    office["location"].save()
    return office


def _berlin(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def test_the_share_is_held_back_from_the_start_of_each_shift(emergency_office):  # type: ignore[no-untyped-def]
    location = emergency_office["location"]

    added = emergency_hold_top_up(location=location, day_from=MONDAY, day_to=MONDAY)

    # Two staff, 08:00–12:00 = 16 cells each; 25 % = 4 cells each, 08:00–09:00.
    assert added == 8
    held = BookingCell.objects.filter(hold=CellHold.EMERGENCY)
    assert {c.starts_at.astimezone(BERLIN).time() for c in held} == {
        dt.time(8),
        dt.time(8, 15),
        dt.time(8, 30),
        dt.time(8, 45),
    }
    free = slots_free(
        service=emergency_office["service"], location=location, day_from=MONDAY, day_to=MONDAY, now=_berlin(MONDAY, 0)
    )
    assert min(s.starts_at for s in free) == _berlin(MONDAY, 9)


def test_topping_up_twice_holds_no_more(emergency_office):  # type: ignore[no-untyped-def]
    location = emergency_office["location"]
    emergency_hold_top_up(location=location, day_from=MONDAY, day_to=MONDAY)

    assert emergency_hold_top_up(location=location, day_from=MONDAY, day_to=MONDAY) == 0


def test_the_held_time_is_released_at_the_release_time_of_the_day_itself_not_before(emergency_office):  # type: ignore[no-untyped-def]
    location = emergency_office["location"]
    emergency_hold_top_up(location=location, day_from=MONDAY, day_to=MONDAY + dt.timedelta(days=1))

    assert emergency_release_due(now=_berlin(MONDAY, 6, 59)) == 0
    released = emergency_release_due(now=_berlin(MONDAY, 7, 0))

    assert released == 8  # Monday's, not Tuesday's
    assert BookingCell.objects.filter(hold=CellHold.EMERGENCY).count() == 8
    staff_ids = {u.pk for u in emergency_office["staff"]}
    cells = available_cells(staff_ids=staff_ids, location=location, day_from=MONDAY, day_to=MONDAY)
    assert all(_berlin(MONDAY, 8).astimezone(dt.UTC) in c for c in cells.values())


def test_an_urgent_booking_for_today_is_possible_once_released(emergency_office):  # type: ignore[no-untyped-def]
    location = emergency_office["location"]
    emergency_hold_top_up(location=location, day_from=MONDAY, day_to=MONDAY)
    now = _berlin(MONDAY, 7, 30)
    emergency_release_due(now=now)

    booking = booking_reserve(
        service=emergency_office["service"],
        location=location,
        starts_at=_berlin(MONDAY, 8),
        contact=Contact(given_names="Oksana", family_name="Melnyk", email="oksana@example.org", language="uk"),
        urgency=Urgency.PERMIT_EXPIRES,
        now=now,
    )

    assert booking.urgency == Urgency.PERMIT_EXPIRES


def test_an_urgent_booking_before_the_release_or_for_another_day_is_refused(emergency_office):  # type: ignore[no-untyped-def]
    contact = Contact(given_names="Oksana", family_name="Melnyk", email="oksana@example.org")
    for now, start in (
        (_berlin(MONDAY, 6), _berlin(MONDAY, 10)),
        (_berlin(MONDAY, 8), _berlin(MONDAY + dt.timedelta(days=1), 10)),
    ):
        with pytest.raises(BookingRefused):
            booking_reserve(
                service=emergency_office["service"],
                location=emergency_office["location"],
                starts_at=start,
                contact=contact,
                urgency=Urgency.JOB_START,
                now=now,
            )
    assert not BookingCell.objects.filter(hold=CellHold.BOOKING).exists()


def test_the_emergency_page_lists_todays_released_times_for_the_concern(client, emergency_office, monkeypatch):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    location, service = emergency_office["location"], emergency_office["service"]
    emergency_hold_top_up(location=location, day_from=MONDAY, day_to=MONDAY)
    now = _berlin(MONDAY, 7, 30)
    emergency_release_due(now=now)
    monkeypatch.setattr(timezone, "now", lambda: now)

    response = client.get(reverse("appointments:emergency"), {"urgency": Urgency.TRAVEL, "service": service.pk})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="notfall" value="travel"' in page
    assert f'value="{_berlin(MONDAY, 8).astimezone(dt.UTC):%Y-%m-%dT%H:%M}"' in page
