"""Read side of appointments: free slots, computed for a whole day range in one batch.

Four queries (qualified staff, weekly availability, exceptions, occupied cells), then set
arithmetic on UTC grid cells; iterating in UTC makes clock-change days come out right (a
window 08:00–12:00 local is four real hours on every day of the year).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

import holidays as holiday_calendars
from django.db.models import Q
from django.utils import timezone

from anlaufstelle.core.tenancy import require_tenant

from .models import AvailabilityException, BookingCell, Location, Service, WeeklyAvailability
from .models.capacity import GRID_MINUTES

BERLIN = ZoneInfo("Europe/Berlin")
GRID = dt.timedelta(minutes=GRID_MINUTES)


@dataclass(frozen=True)
class Slot:
    starts_at: dt.datetime  # aware, UTC
    ends_at: dt.datetime
    staff_ids: tuple[int, ...]  # who could serve it, in the order a booking tries them

    @property
    def capacity(self) -> int:
        return len(self.staff_ids)


@cache
def _holidays(federal_state: str, year: int) -> frozenset[dt.date]:
    return frozenset(holiday_calendars.country_holidays("DE", subdiv=federal_state, years=year))


def public_holidays(*, federal_state: str, day_from: dt.date, day_to: dt.date) -> set[dt.date]:
    """Statutory public holidays of the federal state in the range (library ``holidays``)."""
    days: set[dt.date] = set()
    for year in range(day_from.year, day_to.year + 1):
        days |= {d for d in _holidays(federal_state, year) if day_from <= d <= day_to}
    return days


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=BERLIN).astimezone(dt.UTC)


def _cells(start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Grid cells (UTC starts) inside [start, end), aligned to the grid in UTC."""
    first = dt.datetime.fromtimestamp(
        -(-int(start.timestamp()) // int(GRID.total_seconds())) * GRID.total_seconds(), dt.UTC
    )
    cells = []
    while first + GRID <= end:
        cells.append(first)
        first += GRID
    return cells


def window_cells(day: dt.date, starts: dt.time, ends: dt.time) -> list[dt.datetime]:
    """The grid cells whose whole span lies between ``starts`` and ``ends`` on the wall clock of ``day``.

    On clock-change days a local time may not exist (02:30 in March) or exist twice (02:30 in
    October). Each cell is judged by the wall clock at its first and its last instant: the
    instant that ends a cell may already read an hour earlier (02:45 CEST + 15 min = 02:00 CET).
    """
    candidates = [
        dt.datetime.combine(day, t, tzinfo=BERLIN).replace(fold=f).astimezone(dt.UTC)
        for t in (starts, ends)
        for f in (0, 1)
    ]
    cells = []
    for cell in _cells(min(candidates), max(candidates)):
        begin, last = cell.astimezone(BERLIN), (cell + GRID - dt.timedelta(microseconds=1)).astimezone(BERLIN)
        if begin.date() == day == last.date() and starts <= begin.time() and last.time() < ends:
            cells.append(cell)
    return cells


def available_cells(
    *, staff_ids: set[int], location: Location, day_from: dt.date, day_to: dt.date
) -> dict[int, set[dt.datetime]]:
    """Per staff member: the free grid cells at ``location`` between the two days (inclusive)."""
    tenant = require_tenant()
    if not staff_ids:
        return {}
    closed_days = public_holidays(federal_state=tenant.federal_state, day_from=day_from, day_to=day_to)
    range_start, range_end = _local(day_from, dt.time.min), _local(day_to + dt.timedelta(days=1), dt.time.min)

    weekly = defaultdict(list)
    for row in WeeklyAvailability.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day_from),
        staff_id__in=staff_ids,
        location=location,
        valid_from__lte=day_to,
    ):
        weekly[row.weekday].append(row)

    cells: dict[int, set[dt.datetime]] = defaultdict(set)
    day = day_from
    while day <= day_to:
        if day not in closed_days:
            for row in weekly[day.weekday()]:
                if row.valid_from <= day and (row.valid_until is None or day <= row.valid_until):
                    cells[row.staff_id].update(window_cells(day, row.starts, row.ends))
        day += dt.timedelta(days=1)

    for exception in AvailabilityException.objects.filter(
        Q(staff_id__in=staff_ids) | Q(location=location, staff__isnull=True),
        starts_at__lt=range_end,
        ends_at__gt=range_start,
    ):
        affected = [exception.staff_id] if exception.staff_id else list(cells)
        for staff_id in affected:
            cells[staff_id] = {
                c for c in cells[staff_id] if not (exception.starts_at < c + GRID and c < exception.ends_at)
            }

    for staff_id, cell in BookingCell.objects.filter(
        staff_id__in=staff_ids, starts_at__gte=range_start, starts_at__lt=range_end
    ).values_list("staff_id", "starts_at"):
        cells[staff_id].discard(cell)
    return dict(cells)


def slots_free(
    *, service: Service, location: Location, day_from: dt.date, day_to: dt.date, now: dt.datetime | None = None
) -> list[Slot]:
    """Every start time at which some qualified staff member is free for the whole service."""
    now = now or timezone.now()
    staff_ids = set(service.qualified_staff.filter(is_active=True).values_list("pk", flat=True))
    free = available_cells(staff_ids=staff_ids, location=location, day_from=day_from, day_to=day_to)
    need = service.cells
    by_start: dict[dt.datetime, list[int]] = defaultdict(list)
    for staff_id, cells in free.items():
        for cell in cells:
            if cell >= now and all(cell + i * GRID in cells for i in range(1, need)):
                by_start[cell].append(staff_id)
    return [
        Slot(starts_at=start, ends_at=start + need * GRID, staff_ids=tuple(sorted(by_start[start])))
        for start in sorted(by_start)
    ]
