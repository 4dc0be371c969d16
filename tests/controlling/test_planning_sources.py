"""What the capacity plan counts as demand, when registrations fall due, and what time is bookable."""

import datetime as dt
from collections import Counter

import pytest

from anlaufstelle.controlling.planning import Closure, Scenario, capacity_plan
from anlaufstelle.controlling.planning.scenario import BASELINE, bookable
from anlaufstelle.controlling.planning.sources import PLANNED, SAME_DAY, calendar_read, demand_weekly

from ..factories import AllocationRequestFactory, BookingFactory, TicketFactory
from .helpers import berlin, booking
from .planning_office import TODAY, small_office

WEEK = dt.date(2026, 3, 23)  # Monday of the week the clocks go forward (Sunday 29 March)


def test_demand_is_counted_when_it_arises_with_appointment_and_same_day_apart(tenant) -> None:
    service = small_office().service
    monday, wednesday = berlin(WEEK, 9), berlin(WEEK + dt.timedelta(days=2), 9)
    booking(created=monday, starts=wednesday, service=service, status="attended")  # with appointment
    booking(created=monday, starts=wednesday, service=service, status="no_show")  # held its time
    booking(created=monday, starts=wednesday, service=service, status="cancelled")  # gave its time back
    booking(created=wednesday, starts=wednesday, service=service, status="attended")  # same day
    booking(created=monday, starts=wednesday, service=service, status="attended", urgency="permit")  # emergency
    booking(created=monday, starts=wednesday, service=service, status="confirmed", channel="allocation")
    AllocationRequestFactory(service=service, confirmed_at=monday, status="booked")  # its registration counts
    AllocationRequestFactory(service=service, confirmed_at=monday, status="withdrawn")
    TicketFactory(service=service, issued_at=wednesday, day=WEEK + dt.timedelta(days=2))  # walk-in
    TicketFactory(service=service, issued_at=wednesday, booking=BookingFactory(service=service))  # checked in
    # Sunday 29 March, 23:30 in Berlin (21:30 UTC, summer time): still this week
    booking(created=berlin(WEEK + dt.timedelta(days=6), 23, 30), starts=wednesday, service=service, status="attended")
    # Monday 30 March, 00:30 in Berlin (Sunday 22:30 UTC): next week
    booking(created=berlin(WEEK + dt.timedelta(days=7), 0, 30), starts=wednesday, service=service, status="attended")
    counts = demand_weekly(first=WEEK, weeks=2)
    assert counts[PLANNED][service.pk] == [4, 1]
    assert counts[SAME_DAY][service.pk] == [3, 0]


def test_waiting_registrations_fall_due_four_weeks_before_the_permit_expires(tenant) -> None:
    service = small_office().service
    AllocationRequestFactory(service=service, permit_expires_on=TODAY + dt.timedelta(days=42))  # due in week 3
    AllocationRequestFactory(service=service, permit_expires_on=None)  # waiting, due now
    AllocationRequestFactory(service=service, permit_expires_on=TODAY - dt.timedelta(days=3))  # overdue: now
    AllocationRequestFactory(service=service, permit_expires_on=TODAY + dt.timedelta(days=200))  # after the plan
    AllocationRequestFactory(service=service, permit_expires_on=TODAY, status="booked")  # no longer waiting
    plan = capacity_plan(today=TODAY).service(service.pk)
    assert plan is not None
    assert plan.registered[:4] == [2, 0, 1, 0]
    assert sum(plan.registered) == 3
    # the office is empty: the one due in week 3 is served in time, the overdue one cannot be
    assert plan.deadlines == (1, 2)


def test_bookable_time_leaves_out_bookings_and_the_emergency_share(tenant) -> None:
    office = small_office(emergency_share=25)  # 16 cells a day, 4 of them held back for the day
    BookingFactory(
        service=office.service,
        location=office.location,
        staff=office.staff,
        starts_at=berlin(TODAY + dt.timedelta(days=1), 9),
        ends_at=berlin(TODAY + dt.timedelta(days=1), 10),
        status="confirmed",
    )
    calendar = calendar_read(first=TODAY, days=7)
    assert calendar.present[0] == [240, 240, 240, 240, 240, 0, 0]
    assert calendar.free[0][:2] == [240, 180]
    minutes, displaced = bookable(calendar, BASELINE)
    assert minutes[0] == [180, 120, 180, 180, 180, 0, 0]
    assert displaced == Counter()


def test_a_closure_takes_the_time_and_sends_its_appointments_back_to_the_queue(tenant) -> None:
    office = small_office()
    tuesday = TODAY + dt.timedelta(days=1)
    for hour in (8, 9, 10):
        BookingFactory(
            service=office.service,
            location=office.location,
            staff=office.staff,
            starts_at=berlin(tuesday, hour),
            ends_at=berlin(tuesday, hour, 30),
            status="confirmed",
        )
    calendar = calendar_read(first=TODAY, days=7)
    minutes, displaced = bookable(calendar, Scenario(closure=Closure(first=tuesday, last=tuesday)))
    assert minutes[0][:3] == [240, 0, 240]
    assert displaced == Counter({office.service.pk: 3})


@pytest.mark.parametrize("share", [0, 10])
def test_with_no_history_the_plan_forecasts_nothing_and_has_no_backtest(tenant, share: int) -> None:
    small_office(emergency_share=share)
    plan = capacity_plan(today=TODAY)
    assert plan.history_weeks == []
    assert plan.backtest is None
    assert sum(plan.office.demand) == 0
    assert plan.office.lead_mean[0] == pytest.approx(1.4)
