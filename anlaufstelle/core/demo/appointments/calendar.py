"""Demo step: the calendar ahead, as far as the longest booking window – filled as much as the
lead times say was already booked, the emergency share held back, a waiting list and registrations of need."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter as Tally

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from anlaufstelle.appointments.models import (
    AllocationRequest,
    Booking,
    BookingStatus,
    Service,
    WaitlistEntry,
)
from anlaufstelle.appointments.services import emergency_hold_horizon

from ...i18n import SOURCE_LANGUAGE, column
from ...models import Person, Tenant
from ...tenancy import tenant_context
from ..context import DemoContext
from ..tenants import MUSTERSTADT
from .plan import (
    HISTORY_FILL,
    Channel,
    _at,
    _backdate,
    _channel,
    _german_name,
    _insert_people,
    _local_day,
    _minutes,
    _Office,
    _people,
    _Plan,
    _Slot,
    _slots,
    lead_at_least,
)
from .requests import _allocation_history, _request, _save_requests


def load_appointment_calendar(ctx: DemoContext) -> None:
    """The calendar as far as the longest booking window reaches, booked densely near today and
    thinly at the end (as much as was already booked on the demo's day), with the emergency
    share held back; a few open reservations and allocation offers; waiting list; pending requests."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("appointments", "calendar")
    midnight = _at(ctx.today, 0)
    now = timezone.now() if timezone.localdate() == ctx.today else _at(ctx.today, 10)
    with tenant_context(tenant):
        office = _Office.load(tenant)
        held = emergency_hold_horizon(now=midnight)
        last = ctx.today + dt.timedelta(days=Service.objects.aggregate(longest=Max("latest_days"))["longest"] or 0)
        cells = office.cells(day_from=ctx.today, day_to=last, free_only=True)
        codes = set(Booking.objects.values_list("code", flat=True))
        plan = _Plan(tenant, rng, codes)

        def fill(day: dt.date, service: Service) -> float:
            return HISTORY_FILL * lead_at_least(service, (day - ctx.today).days + 1)

        for slot in _slots(rng, office, cells, fill):
            _future_booking(plan, slot, ctx.today, midnight)
        _holds_open_now(plan, ctx.today, now)
        emails = set(Person.objects.exclude(email="").values_list("email", flat=True))
        named = list(Person.objects.exclude(email="").filter(bookings__isnull=True).order_by("pk")[:30])
        pending = _pending_counts()
        names: Tally[str] = Tally(f"{p.given_names} {p.family_name}" for p in named)
        fresh = _people(rng, len(plan.bookings) + sum(pending.values()) - len(named), emails, per_name=2, taken=names)
        people = named + _insert_people(tenant, fresh)
        plan.person = list(range(len(plan.bookings)))
        bookings = plan.save(people)
        _allocation_history(rng, tenant, [b for b in bookings if b.channel == Channel.ALLOCATION])
        entries = _waitlist(rng, tenant, bookings, ctx.today, midnight)
        requests = _pending_requests(rng, tenant, office, people[len(bookings) :], pending, ctx.today, now)
        held += emergency_hold_horizon(now=midnight)  # idempotent: tops up what the bookings left
    ctx.count("Termine ab heute", len(bookings))
    ctx.count("Terminkundschaft", len(fresh))
    ctx.count("Wartelisteneinträge", len(entries))
    ctx.count("Bedarfsanmeldungen offen", len(requests))
    ctx.count("Notfall-Viertelstunden zurückgehalten", held)


def _future_booking(plan: _Plan, slot: _Slot, today: dt.date, midnight: dt.datetime) -> None:
    rng, mode = plan.rng, slot.service.booking_mode
    channel = _channel(rng, mode)
    bound = midnight - dt.timedelta(minutes=1)
    created, confirmed = plan.booked(slot, channel, today=today, bound=bound)
    if rng.random() < 0.05:
        cancelled = confirmed + (bound - confirmed) * rng.uniform(0.1, 0.95)
        plan.add(
            slot,
            status=BookingStatus.CANCELLED,
            channel=channel,
            created=created,
            confirmed=confirmed,
            cancelled=cancelled,
        )
    else:
        plan.add(slot, status=BookingStatus.CONFIRMED, channel=channel, created=created, confirmed=confirmed)


def _holds_open_now(plan: _Plan, today: dt.date, now: dt.datetime) -> None:
    """A few reservations waiting for their e-mail link, and allocation offers not yet accepted."""
    later = [
        i
        for i, b in enumerate(plan.bookings)
        if b.status == BookingStatus.CONFIRMED and _local_day(b.starts_at) >= today + dt.timedelta(days=2)
    ]
    online = [i for i in later if plan.bookings[i].channel == Channel.ONLINE]
    allocated = [i for i in later if plan.bookings[i].channel == Channel.ALLOCATION]
    for index in plan.rng.sample(online, min(4, len(online))):
        booking = plan.bookings[index]
        booking.status, booking.confirmed_at = BookingStatus.RESERVED, None
        booking.hold_until = now + _minutes(plan.rng, 3, 18)
        plan.created[index] = booking.hold_until - dt.timedelta(minutes=settings.APPOINTMENTS_RESERVATION_HOLD_MINUTES)
    for index in plan.rng.sample(allocated, min(3, len(allocated))):
        booking = plan.bookings[index]
        run = _at(today, 6) if _at(today, 6) <= now else _at(today - dt.timedelta(days=1), 6)
        run -= dt.timedelta(days=plan.rng.randint(0, 1))  # the last allocation run or the one before
        booking.status, booking.confirmed_at = BookingStatus.OFFERED, None
        booking.hold_until = run + dt.timedelta(hours=settings.APPOINTMENTS_ALLOCATION_ACCEPT_HOURS)
        plan.created[index] = run


def _pending_counts() -> dict[Service, int]:
    """Demand exceeds supply: many more registrations than the next weeks can serve."""
    wanted = {
        "Niederlassungserlaubnis": 38,
        "Erlaubnis zum Daueraufenthalt – EU": 12,
        "Einbürgerung – Antrag abgeben": 31,
    }
    services = Service.objects.filter(**{f"{column('name', SOURCE_LANGUAGE)}__in": wanted}).order_by("pk")
    return {service: wanted[_german_name(service)] for service in services}


def _pending_requests(
    rng: random.Random,
    tenant: Tenant,
    office: _Office,
    people: list[Person],
    counts: dict[Service, int],
    today: dt.date,
    now: dt.datetime,
) -> list[AllocationRequest]:
    requests, created = [], []
    people_left = iter(people)
    for service, count in counts.items():
        for _ in range(count):
            registered = min(
                _at(today - dt.timedelta(days=rng.randint(1, 75)), rng.randint(6, 22), rng.randint(0, 59)), now
            )
            expires = None
            if _german_name(service) != "Einbürgerung – Antrag abgeben" or rng.random() < 0.15:
                roll = rng.random()
                if roll < 0.45:
                    expires = today + dt.timedelta(days=rng.randint(10, 70))
                elif roll < 0.8:
                    expires = today + dt.timedelta(days=rng.randint(90, 365))
            requests.append(
                _request(
                    rng,
                    tenant,
                    next(people_left),
                    service,
                    office.main,
                    status=AllocationRequest.Status.PENDING,
                    confirmed_at=min(registered + _minutes(rng, 1, 25), now),
                    permit_expires_on=expires,
                )
            )
            created.append(registered)
    _save_requests(requests, created)
    return requests


def _waitlist(
    rng: random.Random, tenant: Tenant, bookings: list[Booking], today: dt.date, midnight: dt.datetime
) -> list[WaitlistEntry]:
    """People with a confirmed appointment weeks ahead who would take an earlier one."""
    candidates = [
        b
        for b in bookings
        if b.status == BookingStatus.CONFIRMED
        and b.channel == Channel.ONLINE
        and _local_day(b.starts_at) >= today + dt.timedelta(days=10)
    ]
    entries, joined = [], []
    for booking in rng.sample(candidates, min(24, len(candidates))):
        assert booking.confirmed_at is not None
        joined.append(booking.confirmed_at + (midnight - booking.confirmed_at) * rng.uniform(0.05, 0.9))
        entries.append(
            WaitlistEntry(
                tenant=tenant,
                service=booking.service,
                location=booking.location,
                person=booking.person,
                booking=booking,
                before=_local_day(booking.starts_at),
                status=WaitlistEntry.Status.WAITING,
                confirmed_at=joined[-1],
            )
        )
    WaitlistEntry.objects.bulk_create(entries)
    _backdate(entries, joined)
    return entries
