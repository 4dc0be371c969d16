"""Waiting and service times by hour, the estimate's error, no-shows at the counter."""

import datetime as dt

import pytest

from anlaufstelle.controlling.kpis import Scope, kpis_compute

from ..factories import BookingFactory
from .helpers import berlin, ticket

DAY = dt.date(2026, 10, 25)  # the clocks go back: 25 hours
SCOPE = Scope(DAY, DAY)


def _t(hour: int, minute: int = 0) -> dt.datetime:
    return berlin(DAY, hour, minute)


@pytest.fixture
def queue_day(tenant) -> None:  # type: ignore[no-untyped-def]
    # 9:00 walk-in, called 9:10, serving 9:12, served 9:22 → wait 10, service 10; estimate 15
    ticket(
        events=[("issued", _t(9)), ("called", _t(9, 10)), ("serving", _t(9, 12)), ("served", _t(9, 22))],
        estimate_minutes=15,
    )
    # 9:30 walk-in, called 10:00, recalled, serving 10:05, served 10:35 → wait 30, service 30; estimate 20
    ticket(
        events=[
            ("issued", _t(9, 30)),
            ("called", _t(10)),
            ("recalled", _t(10, 3)),
            ("serving", _t(10, 5)),
            ("served", _t(10, 35)),
        ],
        estimate_minutes=20,
    )
    # appointment at 10:00, checked in 9:40 (early), called 10:02 → wait 2 (from the appointment), service 8;
    # the estimate on arrival, 20 minutes, foretold the 22 minutes until the call
    ticket(
        events=[("checked_in", _t(9, 40)), ("called", _t(10, 2)), ("serving", _t(10, 3)), ("served", _t(10, 11))],
        ready_at=_t(10),
        booking=BookingFactory(),
        estimate_minutes=20,
    )
    # 10:15 walk-in, called at 10:20 and never came
    ticket(events=[("issued", _t(10, 15)), ("called", _t(10, 20)), ("no_show", _t(10, 30))])


def test_waiting_and_service_times_are_measured_from_the_events(queue_day) -> None:
    figures = kpis_compute(scope=SCOPE).figures
    assert figures["tickets"] == 4
    # waits 10, 30, 2, 5 → median 7.5, p90 = 10 + 0.7 * 20 = 24
    assert figures["wait_median"] == pytest.approx(7.5)
    assert figures["wait_p90"] == pytest.approx(24.0)
    # services 10, 30, 8 → median 10; p90 = 10 + 0.8 * 20 = 26
    assert figures["service_median"] == pytest.approx(10.0)
    assert figures["service_p90"] == pytest.approx(26.0)


def test_the_estimate_error_is_the_mean_absolute_difference(queue_day) -> None:
    # |15-10|, |20-30|, |20-22|: against the time from arrival to the call, not the wait from the
    # appointment (that would count |20-2| = 18 for the early arrival)
    assert kpis_compute(scope=SCOPE).figures["estimate_error"] == pytest.approx(17 / 3)


def test_no_shows_at_the_counter_are_a_share_of_the_called(queue_day) -> None:
    figures = kpis_compute(scope=SCOPE).figures
    assert figures["queue_no_show_rate"] == pytest.approx(25.0)
    assert figures["share_walk_in"] == pytest.approx(100.0)  # three walk-ins, no bookings made that day


def test_the_hour_of_day_is_the_berlin_hour_of_arrival(queue_day) -> None:
    by_hour = {row["hour"]: row for row in kpis_compute(scope=SCOPE).tables["queue_by_hour"]}
    assert sorted(by_hour) == [9, 10]
    assert by_hour[9]["tickets"] == 3
    assert by_hour[9]["wait_median"] == pytest.approx(10.0)  # 10, 30, 2
    assert by_hour[10]["wait_median"] == pytest.approx(5.0)


def test_the_repeated_hour_of_the_clock_change_counts_in_the_right_day(tenant) -> None:
    # 02:30 happens twice on 25 October; both are on that day, 00:30 the day after is not
    first = dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)  # 02:30 CEST
    second = dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)  # 02:30 CET
    ticket(events=[("issued", first), ("called", first + dt.timedelta(minutes=4))])
    ticket(events=[("issued", second), ("called", second + dt.timedelta(minutes=6))])
    ticket(events=[("issued", dt.datetime(2026, 10, 25, 23, 30, tzinfo=dt.UTC))])  # 00:30 on the 26th
    result = kpis_compute(scope=SCOPE)
    assert result.figures["tickets"] == 2
    assert result.figures["wait_median"] == pytest.approx(5.0)
    assert [row["hour"] for row in result.tables["queue_by_hour"]] == [2]
