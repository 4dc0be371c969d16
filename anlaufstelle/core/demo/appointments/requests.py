"""Registrations of need (fair allocation) in the demo: past runs' requests and the ones pending now."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from anlaufstelle.appointments.models import (
    AllocationRequest,
    Booking,
    BookingStatus,
    Location,
    Service,
)

from ...models import Person, Tenant
from .plan import _backdate, _backdate_people, _minutes


def _request(
    rng: random.Random, tenant: Tenant, person: Person, service: Service, location: Location, **fields: object
) -> AllocationRequest:
    key = "|".join(
        [person.given_names.casefold(), person.family_name.casefold(), str(person.date_of_birth), person.email]
    )
    weekdays = sorted(rng.sample(range(5), rng.randint(2, 5)))
    (day_parts,) = rng.choices([["am"], ["pm"], ["am", "pm"]], [35, 15, 50])
    return AllocationRequest(
        tenant=tenant,
        service=service,
        location=location,
        person=person,
        weekdays=weekdays,
        day_parts=day_parts,
        duplicate_key=hashlib.sha256(key.encode()).hexdigest(),
        tie_break=rng.random(),
        **fields,
    )


def _save_requests(requests: list[AllocationRequest], created: list[dt.datetime]) -> None:
    AllocationRequest.objects.bulk_create(requests)
    _backdate(requests, created)
    _backdate_people((request.person, moment) for request, moment in zip(requests, created, strict=True))


def _allocation_history(rng: random.Random, tenant: Tenant, bookings: list[Booking]) -> None:
    """The registrations of need behind the appointments given by allocation."""
    requests, created = [], []
    for booking in bookings:
        assert booking.person is not None
        assert booking.created_at is not None
        registered = booking.created_at - dt.timedelta(days=rng.randint(5, 80), minutes=rng.randint(0, 900))
        status = (
            AllocationRequest.Status.OFFERED
            if booking.status == BookingStatus.OFFERED
            else AllocationRequest.Status.BOOKED
        )
        requests.append(
            _request(
                rng,
                tenant,
                booking.person,
                booking.service,
                booking.location,
                status=status,
                confirmed_at=registered + _minutes(rng, 2, 30),
                offer=booking,
            )
        )
        created.append(registered)
    _save_requests(requests, created)
