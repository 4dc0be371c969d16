"""Bookings, cancellations, no-shows, channels, lead time got, emergency counter, booked hours."""

import datetime as dt

import pytest

from anlaufstelle.controlling.kpis import Scope, kpis_compute

from ..factories import ServiceFactory
from .helpers import berlin, booking, ticket

MARCH = Scope(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@pytest.fixture
def march(tenant):  # type: ignore[no-untyped-def]
    """Five bookings made in March, one made in February for March, one made in March for April."""
    service = ServiceFactory()
    d = dt.date
    # made 2 Mar for 12 Mar (10 days), attended
    booking(service=service, created=berlin(d(2026, 3, 2), 9), starts=berlin(d(2026, 3, 12), 9), status="attended")
    # made on the clock-change day, late evening, for 31 Mar: 2 days (29 → 31)
    booking(service=service, created=berlin(d(2026, 3, 29), 23, 30), starts=berlin(d(2026, 3, 31), 8), status="no_show")
    # made 5 Mar, staff, cancelled 6 Mar
    booking(
        service=service,
        created=berlin(d(2026, 3, 5), 10),
        starts=berlin(d(2026, 3, 20), 10),
        cancelled=berlin(d(2026, 3, 6), 10),
        status="cancelled",
        channel="staff",
    )
    # made 10 Mar for 10 Mar at the emergency counter: 0 days
    booking(
        service=service,
        created=berlin(d(2026, 3, 10), 7, 5),
        starts=berlin(d(2026, 3, 10), 11),
        status="attended",
        urgency="permit",
        channel="staff",
    )
    # made 31 Mar 23:30 Berlin (already 1 Apr... no: 21:30 UTC, still March) for 2 Apr: 2 days
    booking(service=service, created=berlin(d(2026, 3, 31), 23, 30), starts=berlin(d(2026, 4, 2), 9))
    # made in February, attended in March: counts as held, not as made in March
    booking(service=service, created=berlin(d(2026, 2, 20), 9), starts=berlin(d(2026, 3, 3), 9), status="attended")
    # a reservation that ran out is no booking
    booking(service=service, created=berlin(d(2026, 3, 3), 9), starts=berlin(d(2026, 3, 25), 9), status="expired")
    # a walk-in ticket in March
    ticket(events=[("issued", berlin(d(2026, 3, 4), 9))], service=service)
    return service


def test_bookings_made_cancelled_and_held_in_the_period_are_counted(march) -> None:
    figures = kpis_compute(scope=MARCH).figures
    assert figures["bookings"] == 5
    assert figures["cancellations"] == 1
    assert figures["appointments_held"] == 4  # three attended, one missed
    assert figures["no_show_rate"] == pytest.approx(25.0)
    assert figures["emergency_appointments"] == 1


def test_the_lead_time_people_got_counts_berlin_calendar_days(march) -> None:
    figures = kpis_compute(scope=MARCH).figures
    # 10, 2, 15, 0, 2 → median 2; p90 between 10 and 15 at 0.6 → 13
    assert figures["lead_time_got_median"] == 2
    assert figures["lead_time_got_p90"] == pytest.approx(13.0)


def test_channel_shares_include_walk_in_tickets(march) -> None:
    figures = kpis_compute(scope=MARCH).figures
    assert figures["share_online"] == pytest.approx(50.0)  # 3 of 6
    assert figures["share_staff"] == pytest.approx(100 / 3)
    assert figures["share_walk_in"] == pytest.approx(100 / 6)
    assert figures["share_requests"] == 0


def test_a_booking_made_after_midnight_berlin_belongs_to_the_next_day(tenant) -> None:
    # 1 Apr 00:30 Berlin is 31 Mar 22:30 UTC: not in March
    booking(created=berlin(dt.date(2026, 4, 1), 0, 30), starts=berlin(dt.date(2026, 4, 9), 9))
    assert kpis_compute(scope=MARCH).figures["bookings"] == 0
    assert kpis_compute(scope=Scope(dt.date(2026, 4, 1), dt.date(2026, 4, 1))).figures["bookings"] == 1


def test_filters_narrow_to_the_service_and_its_section(march) -> None:
    other = ServiceFactory()
    booking(service=other, created=berlin(dt.date(2026, 3, 2), 9), starts=berlin(dt.date(2026, 3, 9), 9))
    assert kpis_compute(scope=MARCH).figures["bookings"] == 6
    assert kpis_compute(scope=Scope(MARCH.first, MARCH.last, service_id=other.pk)).figures["bookings"] == 1
    assert kpis_compute(scope=Scope(MARCH.first, MARCH.last, section_id=march.section_id)).figures["bookings"] == 5


def test_weekly_table_puts_each_event_in_its_own_week(march) -> None:
    weeks = {row["week"]: row for row in kpis_compute(scope=MARCH).tables["bookings_by_week"]}
    assert weeks[dt.date(2026, 3, 23)]["bookings"] == 1  # made on Sunday 29 March, week of Monday 23
    assert weeks[dt.date(2026, 3, 30)]["no_shows"] == 1
    assert sum(row["bookings"] for row in weeks.values()) == 5
