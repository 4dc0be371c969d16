"""Fixtures of the front desk: one office with two sections, counters and skilled staff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from anlaufstelle.appointments.models import Counter, Location, Service
from anlaufstelle.core.models import Role, Section, User

from ..factories import (
    BookingFactory,
    CounterFactory,
    LocationFactory,
    PersonFactory,
    SectionFactory,
    ServiceFactory,
    UserFactory,
)

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _german() -> Iterator[None]:
    """Messages are compared in German, whatever language an earlier test left active."""
    with translation.override("de"):
        yield


def at(hour: int, minute: int = 0, day: dt.date = MONDAY) -> dt.datetime:
    """A Berlin wall-clock time on the test Monday, as an aware datetime."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


@dataclass
class Office:
    location: Location
    employment: Section  # section "1", ticket prefix "1" by default
    family: Section
    permit: Service  # employment, walk-in (desk service)
    study: Service  # employment, online only
    reunion: Service  # family, walk-in
    counters: list[Counter]
    employment_staff: list[User]
    family_staff: User
    desk: User


@pytest.fixture
def office(tenant) -> Office:  # type: ignore[no-untyped-def]
    location = LocationFactory(name="Rathaus")
    employment = SectionFactory(code="A", name="Beschäftigung und Studium")
    family = SectionFactory(code="B", name="Familie")
    employment_staff = [UserFactory(role=Role.CASEWORKER, sections=[employment]) for _ in range(2)]
    family_staff = UserFactory(role=Role.CASEWORKER, sections=[family])
    permit = ServiceFactory(
        section=employment,
        name="Aufenthaltserlaubnis verlängern",
        documents="Reisepass\nBiometrisches Foto",
        booking_mode=Service.BookingMode.DESK,
        qualified_staff=employment_staff,
    )
    study = ServiceFactory(section=employment, name="Studium", qualified_staff=employment_staff)
    reunion = ServiceFactory(
        section=family, name="Familiennachzug", booking_mode=Service.BookingMode.DESK, qualified_staff=[family_staff]
    )
    counters = [CounterFactory(location=location, number=str(n)) for n in range(1, 5)]
    return Office(
        location=location,
        employment=employment,
        family=family,
        permit=permit,
        study=study,
        reunion=reunion,
        counters=counters,
        employment_staff=employment_staff,
        family_staff=family_staff,
        desk=UserFactory(role=Role.FRONT_DESK),
    )


@pytest.fixture
def booking(office):  # type: ignore[no-untyped-def]
    """A 10:00 appointment for the residence-permit service, code ACDE3479."""
    return BookingFactory(
        service=office.permit,
        location=office.location,
        staff=office.employment_staff[0],
        person=PersonFactory(),
        starts_at=at(10),
        ends_at=at(10, 30),
        code="ACDE3479",
    )
