"""Daily KPI facts: the bookings and tickets of each Berlin day, summed up once and stored.

A year of a large office is half a million bookings and one and a half million queue events; the
KPIs of a period are computed from the facts of its days instead (``QueueFact``, ``BookingFact``:
some ten thousand rows a year), which keep every waiting time, service time and lead time one by
one, so medians and percentiles stay exact.

Which stored facts may be used is decided by ``KpiDay``: database triggers raise a day's
``version`` whenever a booking, ticket or queue event that counts for it is written (migration
``0003_kpi_facts``), and ``facts_refresh`` records the version it built from. A day whose facts
are missing or behind (today, the future, a day just changed) is built from the raw rows while the
dashboard waits, so a figure is never stale; the refresh job (every 15 minutes) catches up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from anlaufstelle.appointments.models import Booking
from anlaufstelle.core.locking import lock
from anlaufstelle.core.tenancy import require_tenant
from anlaufstelle.frontdesk.models import Ticket

from ..models import BookingFact, KpiDay, QueueFact
from . import appointments, queue, sources
from .scope import BERLIN, Scope

BATCH = 5000
MAX_RUNS = 4  # runs of days built from the raw rows one by one; more are built in one pass


@dataclass(frozen=True)
class Facts:
    queue: pl.DataFrame
    bookings: pl.DataFrame


def facts_build(scope: Scope) -> Facts:
    """The facts of the days of ``scope`` from the raw rows (narrowed by its filters)."""
    tickets = queue.per_ticket(sources.ticket_events(scope))
    queue_facts = queue.queue_facts(tickets)
    booking_facts = appointments.booking_facts(sources.bookings(scope))
    in_period = pl.col("day").is_between(scope.first, scope.last)
    return Facts(queue=queue_facts.filter(in_period), bookings=booking_facts.filter(in_period))


def _stored(scope: Scope, days: list[dt.date]) -> Facts:
    def read(model: Any, schema: dict[str, Any], section: str) -> pl.DataFrame:
        queryset = sources.narrow(
            model.objects.filter(day__gte=scope.first, day__lte=scope.last),
            scope,
            section=section,
            service="service_id",
            location="location_id",
        )
        stored = sources.frame(queryset, {name: (name, dtype) for name, dtype in schema.items()})
        return stored.filter(pl.col("day").is_in(days))  # a day that went stale meanwhile is built anew

    return Facts(
        queue=read(QueueFact, queue.SCHEMA, "section_id"),
        bookings=read(BookingFact, appointments.SCHEMA, "service__section_id"),
    )


def _runs(days: list[dt.date], *, longest: int | None = None) -> Iterator[tuple[dt.date, dt.date]]:
    """Consecutive days as (first, last) ranges, each at most ``longest`` days long."""
    for _key, run in groupby(enumerate(sorted(days)), key=lambda item: item[1].toordinal() - item[0]):
        run_days = [day for _index, day in run]
        step = longest or len(run_days)
        for index in range(0, len(run_days), step):
            piece = run_days[index : index + step]
            yield piece[0], piece[-1]


def facts_for(scope: Scope) -> Facts:
    """The facts of every day of ``scope``: stored where they are current, built from the raw rows
    for the other days (one query per source and run of consecutive days, or one over all of them
    when they are scattered)."""
    current = sorted(
        KpiDay.objects.filter(day__gte=scope.first, day__lte=scope.last, built=F("version")).values_list(
            "day", flat=True
        )
    )
    parts = [_stored(scope, current)] if current else []
    missing = sorted(set(_days(scope.first, scope.last)) - set(current))
    runs = list(_runs(missing))
    if len(runs) <= MAX_RUNS:
        parts += [facts_build(scope.with_period(first, last)) for first, last in runs]
    else:  # days changed here and there: one pass over their whole range costs less than many
        built = facts_build(scope.with_period(missing[0], missing[-1]))
        days = pl.col("day").is_in(missing)
        parts.append(Facts(queue=built.queue.filter(days), bookings=built.bookings.filter(days)))
    return Facts(queue=pl.concat([part.queue for part in parts]), bookings=pl.concat([part.bookings for part in parts]))


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def _first_day() -> dt.date | None:
    """The first Berlin day with a booking or ticket of the tenant."""
    created = Booking.objects.aggregate(first=Min("created_at"))["first"]
    ticket_day = Ticket.objects.aggregate(first=Min("day"))["first"]
    days = [day for day in (created and created.astimezone(BERLIN).date(), ticket_day) if day]
    return min(days) if days else None


def facts_refresh(*, today: dt.date | None = None, chunk_days: int = 31) -> int:
    """Build and store the facts of every past day of the current tenant that has none or whose
    data changed since; returns the number of days built. Today and later days change all day
    long: they are always built live."""
    tenant = require_tenant()
    today = today or timezone.localdate(timezone=BERLIN)
    first, last = _first_day(), today - dt.timedelta(days=1)
    if first is None or first > last:
        return 0
    known = set(KpiDay.objects.filter(day__gte=first, day__lte=last).values_list("day", flat=True))
    KpiDay.objects.bulk_create(
        [KpiDay(tenant=tenant, day=day) for day in _days(first, last) if day not in known],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    # The versions are read before the raw rows: a write after this read raises the version past
    # the one recorded below, so its day stays due (the triggers make every write count).
    due = {day.day: day for day in KpiDay.objects.filter(day__lte=last).exclude(built=F("version"))}
    for run_first, run_last in _runs(list(due), longest=chunk_days):
        _store(Scope(run_first, run_last), [due[day] for day in _days(run_first, run_last)])
    return len(due)


def _store(scope: Scope, days: list[KpiDay]) -> None:
    """Replace the stored facts of ``scope`` and record each day's version as read in ``days``."""
    facts = facts_build(scope)
    tenant = require_tenant()
    now = timezone.now()
    for day in days:
        day.built, day.built_at = day.version, now
    with transaction.atomic():
        # Two refresh runs at once (a slow run overlapping the next) take turns here, so the second
        # deletes what the first stored instead of adding a second copy.
        list(lock(KpiDay.objects.filter(day__gte=scope.first, day__lte=scope.last)).values_list("pk", flat=True))
        QueueFact.objects.filter(day__gte=scope.first, day__lte=scope.last).delete()
        BookingFact.objects.filter(day__gte=scope.first, day__lte=scope.last).delete()
        QueueFact.objects.bulk_create(
            (QueueFact(tenant=tenant, **row) for row in facts.queue.iter_rows(named=True)), batch_size=BATCH
        )
        BookingFact.objects.bulk_create(
            (BookingFact(tenant=tenant, **row) for row in facts.bookings.iter_rows(named=True)), batch_size=BATCH
        )
        KpiDay.objects.bulk_update(days, ["built", "built_at"], batch_size=BATCH)
