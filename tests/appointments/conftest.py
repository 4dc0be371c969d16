"""Fixtures for appointments: an office with a location and qualified staff."""

from __future__ import annotations

import datetime as dt

import pytest

from ..factories import LocationFactory, SectionFactory, ServiceFactory, UserFactory, WeeklyAvailabilityFactory


@pytest.fixture
def office(tenant):  # type: ignore[no-untyped-def]
    """Two caseworkers at one location, Monday and Tuesday 08:00–12:00, a 30-minute service."""
    location = LocationFactory(name="Rathaus")
    section = SectionFactory()
    staff = [UserFactory(), UserFactory()]
    for person in staff:
        for weekday in (0, 1):
            WeeklyAvailabilityFactory(staff=person, location=location, weekday=weekday, valid_from=dt.date(2026, 1, 1))
    service = ServiceFactory(section=section, duration_minutes=30, qualified_staff=staff)
    return {"location": location, "service": service, "staff": staff}
