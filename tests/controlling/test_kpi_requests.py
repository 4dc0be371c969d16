"""Waiting list and fair allocation: entries, pending registrations, time to an offer."""

import datetime as dt

import pytest

from anlaufstelle.controlling.kpis import Scope, kpis_compute

from ..factories import AllocationRequestFactory, WaitlistEntryFactory
from .helpers import berlin, booking

APRIL = Scope(dt.date(2026, 4, 1), dt.date(2026, 4, 30))


def _offer(made: dt.datetime):  # type: ignore[no-untyped-def]
    return booking(created=made, starts=made + dt.timedelta(days=7), status="offered", hold_until=made)


def test_waiting_list_entries_and_the_median_time_to_an_offer(tenant) -> None:
    WaitlistEntryFactory(confirmed_at=berlin(dt.date(2026, 4, 1), 9), offer=_offer(berlin(dt.date(2026, 4, 3), 9)))
    WaitlistEntryFactory(confirmed_at=berlin(dt.date(2026, 3, 20), 9), offer=_offer(berlin(dt.date(2026, 4, 5), 9)))
    WaitlistEntryFactory(confirmed_at=berlin(dt.date(2026, 4, 10), 9))
    figures = kpis_compute(scope=APRIL).figures
    assert figures["waitlist_entries"] == 2
    # elapsed time: 20 March to 5 April is 16 days less the hour lost on 29 March
    assert figures["waitlist_offer_median_days"] == pytest.approx((2 + 16 - 1 / 24) / 2)


def test_pending_registrations_are_counted_at_the_end_of_the_period(tenant) -> None:
    AllocationRequestFactory(confirmed_at=berlin(dt.date(2026, 4, 2), 9))  # pending
    AllocationRequestFactory(
        confirmed_at=berlin(dt.date(2026, 4, 2), 9), offer=_offer(berlin(dt.date(2026, 5, 2), 9)), status="offered"
    )  # offered only after April: still pending at its end
    AllocationRequestFactory(
        confirmed_at=berlin(dt.date(2026, 4, 2), 9), offer=_offer(berlin(dt.date(2026, 4, 6), 9)), status="booked"
    )
    AllocationRequestFactory(confirmed_at=berlin(dt.date(2026, 4, 2), 9), status="withdrawn")
    AllocationRequestFactory(confirmed_at=berlin(dt.date(2026, 5, 3), 9))  # after the period
    figures = kpis_compute(scope=APRIL).figures
    assert figures["allocation_pending"] == 2
    assert figures["allocation_offer_median_days"] == pytest.approx(4.0)
