"""Two people take the last free slot at the same moment: exactly one gets it.

Shown on PostgreSQL with real concurrent transactions: first with the protection (the unique
key on staff and grid cell) dropped, where both bookings go through; then with it in place, with
and without the courtesy claim that lets a loser give up at once instead of waiting.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from django.db import connection, connections, transaction

from anlaufstelle.appointments import services
from anlaufstelle.appointments.models import Booking
from anlaufstelle.appointments.selectors import slots_free
from anlaufstelle.appointments.services import booking as booking_module
from anlaufstelle.core.locking import try_claim
from anlaufstelle.core.tenancy import tenant_context

from ..factories import LocationFactory, SectionFactory, ServiceFactory, UserFactory, WeeklyAvailabilityFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
MONDAY = dt.date(2026, 3, 2)
BEFORE = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
CONSTRAINT = "one_booking_per_staff_and_cell"


@pytest.fixture
def one_caseworker(tenant):  # type: ignore[no-untyped-def]
    location = LocationFactory()
    caseworker = UserFactory()
    WeeklyAvailabilityFactory(staff=caseworker, location=location, weekday=0, valid_from=MONDAY)
    service = ServiceFactory(section=SectionFactory(), duration_minutes=30, qualified_staff=[caseworker])
    return {"tenant": tenant, "location": location, "service": service}


@pytest.fixture
def without_claim(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The advisory claim switched off: only the unique key decides."""
    monkeypatch.setattr(booking_module, "try_claim", lambda name: True)


@pytest.fixture
def without_protection(without_claim) -> Iterator[None]:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE appointments_bookingcell DROP CONSTRAINT {CONSTRAINT}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM appointments_bookingcell")
            cursor.execute(
                f"ALTER TABLE appointments_bookingcell ADD CONSTRAINT {CONSTRAINT} UNIQUE (staff_id, starts_at)"
            )


def race(office, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Two threads see the slot free, wait for each other, then both book it."""
    barrier = threading.Barrier(2, timeout=10)
    real_slot_free = booking_module.slot_free

    def slot_then_wait(**kwargs):  # type: ignore[no-untyped-def]
        result = real_slot_free(**kwargs)
        barrier.wait()  # both have seen the slot as free before either writes
        return result

    monkeypatch.setattr(booking_module, "slot_free", slot_then_wait)
    first = slots_free(
        service=office["service"], location=office["location"], day_from=MONDAY, day_to=MONDAY, now=BEFORE
    )[0]
    outcomes: list[str] = []

    def attempt() -> None:
        try:
            with tenant_context(office["tenant"]):
                services.booking_create(
                    service=office["service"], location=office["location"], starts_at=first.starts_at, now=BEFORE
                )
            outcomes.append("booked")
        except services.SlotUnavailable:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_without_the_unique_key_two_people_get_the_same_caseworker_at_the_same_time(
    one_caseworker, without_protection, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert race(one_caseworker, monkeypatch) == ["booked", "booked"]
    assert Booking.objects.count() == 2  # the double booking the protection exists for


def test_with_the_unique_key_exactly_one_of_two_simultaneous_bookings_succeeds(
    one_caseworker, without_claim, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert race(one_caseworker, monkeypatch) == ["booked", "refused"]
    assert Booking.objects.count() == 1


def test_with_the_claim_as_well_exactly_one_succeeds(one_caseworker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert race(one_caseworker, monkeypatch) == ["booked", "refused"]
    assert Booking.objects.count() == 1


def test_an_attempt_gives_up_at_once_while_another_is_booking_the_same_time(one_caseworker) -> None:  # type: ignore[no-untyped-def]
    """While another transaction holds the claim on the caseworker's time, an attempt refuses
    without waiting for it; once that transaction ends without booking, the time is free again."""
    office = one_caseworker
    first = slots_free(
        service=office["service"], location=office["location"], day_from=MONDAY, day_to=MONDAY, now=BEFORE
    )[0]
    (staff_id,) = first.staff_ids
    claimed, release = threading.Event(), threading.Event()

    def holder() -> None:
        try:
            with tenant_context(office["tenant"]), transaction.atomic():
                assert try_claim(f"booking:{staff_id}:{first.starts_at.timestamp():.0f}")
                claimed.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert claimed.wait(timeout=10)
        # Had it waited for the holder, it would have got the time once the holder gave up.
        with pytest.raises(services.SlotUnavailable):
            services.booking_create(
                service=office["service"], location=office["location"], starts_at=first.starts_at, now=BEFORE
            )
        assert thread.is_alive()  # refused while the claim was still held
    finally:
        release.set()
        thread.join(timeout=30)
    booking = services.booking_create(
        service=office["service"], location=office["location"], starts_at=first.starts_at, now=BEFORE
    )
    assert booking.staff_id == staff_id
