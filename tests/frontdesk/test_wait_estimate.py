"""The estimated wait: people ahead times recent service time over open counters; shown
"unknown" while no counter serves the queue; and its error measured against actual waits."""

from __future__ import annotations

import pytest

from anlaufstelle.controlling.kpis import Scope, kpis_compute
from anlaufstelle.frontdesk.selectors import queue_overview, ticket_wait_estimate
from anlaufstelle.frontdesk.services import (
    counter_sign_in,
    ticket_call_next,
    ticket_finish,
    ticket_issue,
    ticket_start,
)

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db


def serve(office, counter, staff, start_minute: int, minutes: int) -> None:  # type: ignore[no-untyped-def]
    ticket = ticket_call_next(counter=counter, actor=staff, now=at(8, start_minute))
    assert ticket is not None
    ticket_start(ticket=ticket, counter=counter, actor=staff, now=at(8, start_minute))
    ticket_finish(ticket=ticket, counter=counter, actor=staff, now=at(8, start_minute + minutes))


def test_without_an_open_counter_there_is_no_estimate(office) -> None:  # type: ignore[no-untyped-def]
    ticket = ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(7, 50))
    assert ticket_wait_estimate(ticket=ticket, now=at(7, 50)) == (0, None)
    assert ticket.estimate_minutes is None


def test_the_estimate_uses_recent_service_times_and_the_open_counters(office) -> None:  # type: ignore[no-untyped-def]
    counter, staff = office.counters[0], office.employment_staff[0]
    counter_sign_in(counter=counter, staff=staff, now=at(7, 55))
    for minute in (0, 1):
        ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(8, minute))
    serve(office, counter, staff, 2, 10)  # 10 minutes
    serve(office, counter, staff, 12, 20)  # 20 minutes: mean 15
    waiting = [
        ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(8, 40 + i))
        for i in range(3)
    ]
    assert ticket_wait_estimate(ticket=waiting[2], now=at(8, 45)) == (2, 30)  # two ahead, one counter
    counter_sign_in(counter=office.counters[1], staff=office.employment_staff[1], now=at(8, 45))
    assert ticket_wait_estimate(ticket=waiting[2], now=at(8, 45)) == (2, 15)  # two counters
    [figures] = [q for q in queue_overview(location=office.location, now=at(8, 45)) if q.section == office.employment]
    assert (figures.waiting, figures.servers, figures.service_minutes, figures.estimate_minutes) == (3, 2, 15.0, 23)


def test_the_mean_absolute_error_compares_the_estimate_at_issue_with_the_actual_wait(office) -> None:  # type: ignore[no-untyped-def]
    counter, staff = office.counters[0], office.employment_staff[0]
    counter_sign_in(counter=counter, staff=staff, now=at(7, 55))
    first = ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(8, 0))
    second = ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(8, 0))
    assert (first.estimate_minutes, second.estimate_minutes) == (0, 15)  # default 15 minutes per person
    serve(office, counter, staff, 5, 25)  # first waited 5 minutes, then 25 at the counter
    serve(office, counter, staff, 30, 5)  # second waited 30 minutes
    # The controlling figure is computed from what the desk stored: the estimate given at issue.
    figures = kpis_compute(scope=Scope(MONDAY, MONDAY, location_id=office.location.pk), now=at(18)).figures
    assert (figures["estimate_error"], figures["tickets"]) == (10.0, 2)  # |5 - 0| and |30 - 15|
