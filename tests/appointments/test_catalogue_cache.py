"""The remembered catalogue (services, their locations, each day's staff plan) never outlives a change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anlaufstelle.appointments.models import AvailabilityException, Booking
from anlaufstelle.appointments.selectors import booking_window, service_active, service_locations, slots_free
from anlaufstelle.appointments.services import Contact, SlotUnavailable, booking_create, booking_reserve

from ..factories import LocationFactory, UserFactory, WeeklyAvailabilityFactory

pytestmark = pytest.mark.django_db


def _first_slot(office):  # type: ignore[no-untyped-def]
    first, last = booking_window(service=office["service"])
    return slots_free(service=office["service"], location=office["location"], day_from=first, day_to=last)[0]


def _contact(n: int) -> Contact:
    return Contact(given_names="Amina", family_name=f"Haddad {n}", email=f"amina{n}@example.org")


def test_a_deactivated_service_is_no_longer_found(office):  # type: ignore[no-untyped-def]
    service = office["service"]
    assert service_active(service_id=service.pk) == service
    service.is_active = False
    service.save()
    assert service_active(service_id=service.pk) is None


def test_a_new_location_of_qualified_staff_is_offered_at_once(office):  # type: ignore[no-untyped-def]
    service = office["service"]
    assert service_locations(service=service) == [office["location"]]
    annex = LocationFactory(name="Annex")
    WeeklyAvailabilityFactory(staff=office["staff"][0], location=annex, weekday=2, valid_from=dt.date(2026, 1, 1))
    assert annex in service_locations(service=service)


def test_a_caseworker_who_loses_the_skill_no_longer_offers_a_location(office):  # type: ignore[no-untyped-def]
    service = office["service"]
    newcomer, annex = UserFactory(), LocationFactory(name="Annex")
    WeeklyAvailabilityFactory(staff=newcomer, location=annex, weekday=2, valid_from=dt.date(2026, 1, 1))
    service.qualified_staff.add(newcomer)
    assert annex in service_locations(service=service)
    service.qualified_staff.remove(newcomer)
    assert annex not in service_locations(service=service)


def test_an_absence_entered_after_the_day_plan_was_remembered_is_respected(office):  # type: ignore[no-untyped-def]
    service, location = office["service"], office["location"]
    slot = _first_slot(office)
    booking_create(service=service, location=location, starts_at=slot.starts_at)  # remembers the day plan
    for member in office["staff"]:
        AvailabilityException.objects.create(
            staff=member, starts_at=slot.starts_at, ends_at=slot.ends_at, kind=AvailabilityException.Kind.ABSENCE
        )
    with pytest.raises(SlotUnavailable):
        booking_create(service=service, location=location, starts_at=slot.starts_at)
    assert Booking.objects.filter(starts_at=slot.starts_at).count() == 1


def test_an_attempt_on_a_slot_that_is_gone_costs_one_query_and_writes_nothing(office):  # type: ignore[no-untyped-def]
    service, location = office["service"], office["location"]
    slot = _first_slot(office)
    for n in range(slot.capacity):
        booking_reserve(service=service, location=location, starts_at=slot.starts_at, contact=_contact(n))
    with CaptureQueriesContext(connection) as queries, pytest.raises(SlotUnavailable):
        booking_reserve(service=service, location=location, starts_at=slot.starts_at, contact=_contact(99))
    assert len(queries) == 1, [q["sql"] for q in queries]
    assert Booking.objects.count() == slot.capacity
