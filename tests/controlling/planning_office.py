"""A small hand-made office for the capacity-plan tests: one section with one caseworker at the
counter Monday to Friday 8–12 (eight half-hour appointments a day), one service, and a history
of bookings made at a steady rate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from anlaufstelle.appointments.models import Booking, Location, Service
from anlaufstelle.core.models import Section, User
from anlaufstelle.core.tenancy import require_tenant

from ..factories import (
    LocationFactory,
    PositionFactory,
    SectionFactory,
    ServiceFactory,
    UserFactory,
    WeeklyAvailabilityFactory,
)
from .helpers import berlin

# A Monday: the twelve plan weeks run to 24 May 2026, over Easter, 1 May, Ascension and the
# clock change of 29 March; the six history weeks before it have no public holiday (NW).
TODAY = dt.date(2026, 3, 2)
PER_DAY = 8  # appointments the caseworker can give a day


@dataclass
class Office:
    section: Section
    location: Location
    staff: User
    service: Service


def small_office(*, fte: str = "1.00", emergency_share: int = 0) -> Office:
    section = SectionFactory()
    location = LocationFactory(emergency_share=emergency_share)
    staff = UserFactory(sections=[section])
    PositionFactory(holder=staff, section=section, fte=Decimal(fte))
    for weekday in range(5):
        WeeklyAvailabilityFactory(staff=staff, location=location, weekday=weekday)  # 8–12
    service = ServiceFactory(section=section, duration_minutes=30, qualified_staff=[staff])
    return Office(section=section, location=location, staff=staff, service=service)


def working_days_before(today: dt.date, weeks: int) -> list[dt.date]:
    first = today - dt.timedelta(weeks=weeks)
    return [first + dt.timedelta(days=offset) for offset in range(weeks * 7) if offset % 7 < 5]


def history(office: Office, *, per_day: int, weeks: int = 6, today: dt.date = TODAY) -> None:
    """``per_day`` bookings made at 09:00 on each working day of the ``weeks`` weeks before
    ``today``, each for the next day (so none of them holds time from ``today`` on), all attended."""
    tenant = require_tenant()
    bookings: list[Booking] = []
    for day in working_days_before(today, weeks):
        for number in range(per_day):
            starts = berlin(day + dt.timedelta(days=1), 8) + dt.timedelta(minutes=30 * number)
            bookings.append(
                Booking(
                    tenant=tenant,
                    service=office.service,
                    location=office.location,
                    staff=office.staff,
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(minutes=30),
                    status="attended",
                    code=f"{office.service.pk}-{day:%m%d}-{number}",
                )
            )
    Booking.objects.bulk_create(bookings)
    for day in working_days_before(today, weeks):
        Booking.objects.filter(code__startswith=f"{office.service.pk}-{day:%m%d}-").update(created_at=berlin(day, 9))
