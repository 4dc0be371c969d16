"""Demo step: thirteen weeks of appointments – attended, missed, cancelled, moved – and the
allocation runs of the services allocated fairly."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from anlaufstelle.appointments.models import (
    BookingStatus,
    Service,
    Urgency,
)

from ...models import Person
from ...tenancy import tenant_context
from ..context import DemoContext
from ..tenants import MUSTERSTADT
from .plan import (
    HISTORY_DAYS,
    HISTORY_FILL,
    PEOPLE_PER_PAST_BOOKING,
    Channel,
    _at,
    _channel,
    _insert_people,
    _minutes,
    _Office,
    _people,
    _Plan,
    _Slot,
    _slots,
)
from .requests import _allocation_history

URGENCIES = [(Urgency.PERMIT_EXPIRES, 5), (Urgency.JOB_START, 2), (Urgency.TRAVEL, 2), (Urgency.OTHER, 1)]


def load_appointment_history(ctx: DemoContext) -> None:
    """Thirteen weeks of appointments: about 80 % attended, 10 % missed, 10 % cancelled (some
    moved, some of their times taken from the waiting list), same-day emergencies each morning."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("appointments", "history")
    with tenant_context(tenant):
        office = _Office.load(tenant)
        first, last = ctx.today - dt.timedelta(days=HISTORY_DAYS), ctx.today - dt.timedelta(days=1)
        cells = office.cells(day_from=first, day_to=last, free_only=False)
        plan = _Plan(tenant, rng, set())
        for slot in _slots(rng, office, cells, lambda _day, _service: HISTORY_FILL, mark_early=True):
            _past_booking(plan, slot, ctx.today)
        _moves(plan)
        emails = set(Person.objects.exclude(email="").values_list("email", flat=True))
        people = _insert_people(tenant, _people(rng, int(len(plan.bookings) * PEOPLE_PER_PAST_BOOKING), emails))
        _assign_people(rng, plan, len(people))
        bookings = plan.save(people)
        _allocation_history(rng, tenant, [b for b in bookings if b.channel == Channel.ALLOCATION])
    ctx.count("Terminkundschaft", len(people))
    ctx.count("Termine bis gestern", len(bookings))


def _assign_people(rng: random.Random, plan: _Plan, people: int) -> None:
    """Everyone booked at least once, many more often; a moved appointment keeps its person."""
    replacements = {replacement for _cancelled, replacement in plan.moves}
    own = [index for index in range(len(plan.bookings)) if index not in replacements]
    draws = [*range(people), *(rng.randrange(people) for _ in range(len(own) - people))]
    rng.shuffle(draws)
    for index, person in zip(own, draws, strict=True):
        plan.person[index] = person
    for cancelled, replacement in plan.moves:
        plan.person[replacement] = plan.person[cancelled]


def _past_booking(plan: _Plan, slot: _Slot, today: dt.date) -> None:
    rng, mode = plan.rng, slot.service.booking_mode
    bound = slot.starts_at - dt.timedelta(minutes=10)
    if slot.early and mode != Service.BookingMode.DESK:
        # The emergency share is released at 07:00 the same morning.
        urgent = rng.random() < 0.5
        created = _at(slot.day, 7) + _minutes(rng, 0, 30 if urgent else 50)
        confirmed = created + _minutes(rng, 1, 6) if urgent else created
        status = BookingStatus.NO_SHOW if rng.random() < 0.04 else BookingStatus.ATTENDED
        (urgency,) = rng.choices([u for u, _w in URGENCIES], [w for _u, w in URGENCIES]) if urgent else ("",)
        plan.add(
            slot,
            status=status,
            channel=Channel.ONLINE if urgent else Channel.STAFF,
            created=created,
            confirmed=confirmed,
            urgency=urgency,
        )
        return
    channel = _channel(rng, mode)
    created, confirmed = plan.booked(slot, channel, today=today, bound=bound)
    roll = rng.random()
    if roll >= 0.115:
        status = BookingStatus.NO_SHOW if roll < 0.22 else BookingStatus.ATTENDED
        plan.add(slot, status=status, channel=channel, created=created, confirmed=confirmed)
        return
    cancelled = confirmed + (slot.starts_at - confirmed) * rng.uniform(0.15, 0.97)
    plan.add(
        slot, status=BookingStatus.CANCELLED, channel=channel, created=created, confirmed=confirmed, cancelled=cancelled
    )
    if mode != Service.BookingMode.ONLINE or slot.starts_at - cancelled < dt.timedelta(hours=3) or rng.random() < 0.45:
        return  # the time stayed free
    roll = rng.random()
    if roll < 0.45:  # offered to the waiting list at once, accepted within the three hours
        channel, created = Channel.WAITLIST, cancelled + _minutes(rng, 1, 15)
        confirmed = created + _minutes(rng, 5, 170)
    else:  # public again after the embargo
        channel = Channel.ONLINE if roll < 0.8 else Channel.STAFF
        created = (
            cancelled
            + dt.timedelta(minutes=60)
            + (slot.starts_at - cancelled - dt.timedelta(minutes=75)) * rng.random()
        )
        confirmed = created + _minutes(rng, 1, 20) if channel == Channel.ONLINE else created
    if confirmed < bound:
        status = BookingStatus.NO_SHOW if rng.random() < 0.08 else BookingStatus.ATTENDED
        plan.add(slot, status=status, channel=channel, created=created, confirmed=confirmed)


def _moves(plan: _Plan) -> None:
    """Some cancellations were moves: the person booked a later time, the old one points to it."""
    later: dict[int, list[int]] = defaultdict(list)
    for index, booking in enumerate(plan.bookings):
        if booking.channel == Channel.ONLINE and booking.status == BookingStatus.ATTENDED and not booking.urgency:
            later[booking.service.pk].append(index)
    used: set[int] = set()
    for index, booking in enumerate(plan.bookings):
        if booking.status != BookingStatus.CANCELLED or booking.channel != Channel.ONLINE or plan.rng.random() > 0.3:
            continue
        assert booking.cancelled_at is not None
        window = booking.starts_at + dt.timedelta(days=21)
        target = next(
            (
                i
                for i in later[booking.service.pk]
                if i not in used and booking.starts_at < plan.bookings[i].starts_at <= window
            ),
            None,
        )
        if target is None:
            continue
        used.add(target)
        plan.moves.append((index, target))
        plan.created[target] = booking.cancelled_at
        plan.bookings[target].confirmed_at = booking.cancelled_at
