"""Staffing: positions in full-time equivalents, absences, counter hours and utilisation."""

import datetime as dt
from decimal import Decimal

import pytest

from anlaufstelle.controlling.kpis import Scope, kpis_compute

from ..factories import (
    AvailabilityExceptionFactory,
    LocationFactory,
    PositionFactory,
    SectionFactory,
    UserFactory,
    WeeklyAvailabilityFactory,
)
from .helpers import berlin, booking


def test_positions_are_counted_in_full_time_equivalents(tenant) -> None:
    section = SectionFactory()
    PositionFactory(fte=Decimal("1.00"), holder=UserFactory(), section=section)
    PositionFactory(fte=Decimal("0.50"), section=section)
    PositionFactory(fte=Decimal("0.75"))
    figures = kpis_compute(scope=Scope(dt.date(2026, 3, 1), dt.date(2026, 3, 31))).figures
    assert (figures["fte_budgeted"], figures["fte_filled"], figures["fte_vacant"]) == (2.25, 1.0, 1.25)
    narrowed = kpis_compute(scope=Scope(dt.date(2026, 3, 1), dt.date(2026, 3, 31), section_id=section.pk)).figures
    assert narrowed["fte_vacant"] == 0.5


def test_utilisation_is_booked_hours_over_counter_hours_on_the_clock_change_week(tenant) -> None:
    # Monday 23 to Sunday 29 March 2026; present Mon and Tue 8–12, absent on Tuesday
    location, staff = LocationFactory(), UserFactory()
    for weekday in (0, 1):
        WeeklyAvailabilityFactory(staff=staff, location=location, weekday=weekday)
    AvailabilityExceptionFactory(
        staff=staff, starts_at=berlin(dt.date(2026, 3, 24), 0), ends_at=berlin(dt.date(2026, 3, 25), 0)
    )
    booking(
        created=berlin(dt.date(2026, 3, 1), 9),
        starts=berlin(dt.date(2026, 3, 23), 9),
        staff=staff,
        location=location,
        status="attended",
    )
    figures = kpis_compute(scope=Scope(dt.date(2026, 3, 23), dt.date(2026, 3, 29))).figures
    assert figures["counter_hours"] == 4
    assert figures["booked_hours"] == 0.5
    assert figures["utilisation"] == pytest.approx(12.5)
    assert figures["absence_days"] == 1
