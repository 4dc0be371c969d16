"""Read side of appointments: free slots, computed for a whole day range in one batch.

Five queries (qualified staff, weekly availability, exceptions, bookings, other held cells),
then arithmetic on integer UTC grid cells held in one byte array per staff member; counting
in UTC makes clock-change days come out right (a window 08:00–12:00 local is four real hours
on every day of the year). Bookings are read as (staff, start, end) in epoch seconds computed
by the database: half the rows of their cells and no datetime parsing in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import holidays as holiday_calendars
from django.conf import settings
from django.db import connections, router
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest, Least, Lower
from django.utils import timezone

from anlaufstelle.core.botguard import is_disposable_email
from anlaufstelle.core.caching import remembered
from anlaufstelle.core.functions import Epoch, placeholders
from anlaufstelle.core.models import Person
from anlaufstelle.core.scheduling import BERLIN  # the office's wall clock
from anlaufstelle.core.tenancy import require_tenant

from .models import (
    OPEN_STATUSES,
    AvailabilityException,
    Booking,
    BookingCell,
    BookingStatus,
    CellHold,
    Counter,
    Location,
    Service,
    WeeklyAvailability,
)
from .models.capacity import GRID_MINUTES, LONGEST_SERVICE_MINUTES

GRID = dt.timedelta(minutes=GRID_MINUTES)
LONGEST_BOOKING = dt.timedelta(minutes=LONGEST_SERVICE_MINUTES)


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


STEP = GRID_MINUTES * 60  # seconds per grid cell
ONE, NONE = b"\x01", b"\x00"
_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
HOLDING_STATUSES = (*OPEN_STATUSES, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)  # bookings that keep their cells


@dataclass
class Presence:
    """Who is free when, for a range of days: one byte per grid cell and staff member (1 = free).

    Cell ``i`` starts at ``base + i * STEP`` seconds since 1970 (UTC). Byte arrays make the
    batch cheap: a shift, an absence or a booking is one slice assignment, not a loop over cells.
    """

    base: int
    size: int
    cells: dict[int, bytearray]

    def index(self, moment: dt.datetime, *, up: bool = False) -> int:
        offset = int(moment.timestamp()) - self.base
        position = -(-offset // STEP) if up else offset // STEP
        return min(max(position, 0), self.size)

    def clear(self, staff_id: int, first: int, last: int) -> None:
        row = self.cells.get(staff_id)
        first, last = max(first, 0), min(last, self.size)
        if row is not None and last > first:
            row[first:last] = NONE * (last - first)

    def moment(self, index: int) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.base + index * STEP, dt.UTC)

    def starts(self, staff_id: int, need: int, first: int = 0) -> int:
        """A bit mask of the cells from which ``need`` cells in a row are free (bit i = cell i)."""
        free = int(bytes(self.cells[staff_id][::-1]).translate(_AS_DIGITS) or b"0", 2)
        mask = free
        for shift in range(1, need):
            mask &= free >> shift
        return mask >> first << first


def _bits(mask: int) -> list[int]:
    digits = bin(mask)[:1:-1]  # least significant first
    positions, at = [], digits.find("1")
    while at >= 0:
        positions.append(at)
        at = digits.find("1", at + 1)
    return positions


def _window(presence: Presence, day: dt.date, starts: dt.time, ends: dt.time) -> list[tuple[int, int]]:
    """The cells of a wall-clock window as index ranges. On most days one range from two
    conversions; on clock-change days the careful cell-by-cell rule of :func:`window_cells`."""
    midnight, next_midnight = _local(day, dt.time.min), _local(day + dt.timedelta(days=1), dt.time.min)
    if next_midnight - midnight == dt.timedelta(days=1):
        return [(presence.index(_local(day, starts), up=True), presence.index(_local(day, ends)))]
    ranges: list[tuple[int, int]] = []
    for cell in window_cells(day, starts, ends):
        index = presence.index(cell)
        if ranges and ranges[-1][1] == index:
            ranges[-1] = (ranges[-1][0], index + 1)
        else:
            ranges.append((index, index + 1))
    return ranges


def _raw_rows(queryset: Any) -> list[tuple[Any, ...]]:
    """The rows of a values_list query straight from the cursor: these columns need none of
    Django's per-value converters, and skipping them halves the time for ten thousand rows."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def presence(
    *, staff_ids: set[int], location: Location, day_from: dt.date, day_to: dt.date, free_only: bool = True
) -> Presence:
    """Per staff member: the cells at ``location`` between the two days (inclusive) in which they
    are present (weekly pattern, minus public holidays and exceptions) and, with ``free_only``,
    not held by a booking, the emergency share or a cancellation's embargo. Five queries."""
    tenant = require_tenant()
    range_start, range_end = _local(day_from, dt.time.min), _local(day_to + dt.timedelta(days=1), dt.time.min)
    base = int(range_start.timestamp())
    result = Presence(base=base, size=(int(range_end.timestamp()) - base) // STEP, cells={})
    if not staff_ids:
        return result
    closed_days = public_holidays(federal_state=tenant.federal_state, day_from=day_from, day_to=day_to)

    weekly: dict[int, list[tuple[int, dt.time, dt.time, dt.date, dt.date | None]]] = defaultdict(list)
    for staff_id, weekday, starts, ends, valid_from, valid_until in WeeklyAvailability.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day_from),
        staff_id__in=staff_ids,
        location=location,
        valid_from__lte=day_to,
    ).values_list("staff_id", "weekday", "starts", "ends", "valid_from", "valid_until"):
        weekly[weekday].append((staff_id, starts, ends, valid_from, valid_until))
        result.cells.setdefault(staff_id, bytearray(result.size))

    windows: dict[tuple[dt.date, dt.time, dt.time], list[tuple[int, int]]] = {}
    day = day_from
    while day <= day_to:
        if day not in closed_days:
            for staff_id, starts, ends, valid_from, valid_until in weekly[day.weekday()]:
                if valid_from <= day and (valid_until is None or day <= valid_until):
                    key = (day, starts, ends)
                    if key not in windows:
                        windows[key] = _window(result, day, starts, ends)
                    cells = result.cells[staff_id]
                    for first, last in windows[key]:
                        if last > first:
                            cells[first:last] = ONE * (last - first)
        day += dt.timedelta(days=1)

    for staff_id, starts_at, ends_at in AvailabilityException.objects.filter(
        Q(staff_id__in=staff_ids) | Q(location=location, staff__isnull=True),
        starts_at__lt=range_end,
        ends_at__gt=range_start,
    ).values_list("staff_id", "starts_at", "ends_at"):
        first, last = result.index(starts_at), result.index(ends_at, up=True)
        for affected in [staff_id] if staff_id else list(result.cells):
            result.clear(affected, first, last)

    if free_only:
        clear_held(result, staff_ids=staff_ids)
    return result


def clear_held(plan: Presence, *, staff_ids: set[int]) -> None:
    """Mark as busy in ``plan`` every cell held by a booking, the emergency share or an embargo.

    Two queries; the database turns each booking into the range of cell indexes it covers
    (clamped to the plan), so that Python only assigns slices."""
    base, size, rows = plan.base, plan.size, plan.cells
    range_start = dt.datetime.fromtimestamp(base, dt.UTC)
    range_end = plan.moment(size)

    def first_cell(start: Any) -> Any:
        return Greatest((start - base) / STEP, 0)

    def after_last_cell(end: Any) -> Any:
        return Least((end - base + STEP - 1) / STEP, size)

    # Bounded below as well, so that the index range does not reach back through the history.
    bookings = (
        Booking.objects.filter(
            staff_id__in=staff_ids,
            status__in=HOLDING_STATUSES,
            starts_epoch__gte=base - int(LONGEST_BOOKING.total_seconds()),
            starts_epoch__lt=base + size * STEP,
            ends_epoch__gt=base,
        )
        .order_by()
        .values_list("staff_id", first_cell(F("starts_epoch")), after_last_cell(F("ends_epoch")))
    )
    held = (
        BookingCell.objects.filter(
            hold__in=[CellHold.EMERGENCY, CellHold.EMBARGO],
            staff_id__in=staff_ids,
            starts_at__gte=range_start,
            starts_at__lt=range_end,
        )
        .order_by()
        .values_list("staff_id", first_cell(Epoch("starts_at")), after_last_cell(Epoch("starts_at") + STEP))
    )
    for queryset in (bookings, held):
        for staff_id, first, last in _raw_rows(queryset):
            row = rows.get(staff_id)
            if row is not None:
                row[first:last] = bytes(last - first)


def available_cells(
    *, staff_ids: set[int], location: Location, day_from: dt.date, day_to: dt.date, free_only: bool = True
) -> dict[int, set[dt.datetime]]:
    """Per staff member: the free grid cells (UTC starts) at ``location`` between the two days.

    With ``free_only=False``: every cell the staff member is present, booked or not.
    """
    found = presence(staff_ids=staff_ids, location=location, day_from=day_from, day_to=day_to, free_only=free_only)
    return {staff_id: {found.moment(i) for i in _bits(found.starts(staff_id, 1))} for staff_id in found.cells}


def _qualified(service: Service) -> set[int]:
    return set(service.qualified_staff.filter(is_active=True).values_list("pk", flat=True))


def day_plan(*, service: Service, location: Location, day_from: dt.date, day_to: dt.date) -> Presence:
    """Who qualified for ``service`` is present at ``location`` in the day range, bookings not
    subtracted. Remembered with the catalogue: it changes only when the lead changes patterns,
    exceptions or skills, and every such change forgets it."""
    plan: Presence = _remembered(
        f"day-plan:{service.pk}:{location.pk}:{day_from.isoformat()}:{day_to.isoformat()}",
        lambda: presence(
            staff_ids=_qualified(service), location=location, day_from=day_from, day_to=day_to, free_only=False
        ),
    )
    return plan


def _free_plan(*, service: Service, location: Location, day_from: dt.date, day_to: dt.date) -> Presence:
    plan = day_plan(service=service, location=location, day_from=day_from, day_to=day_to)
    free = Presence(base=plan.base, size=plan.size, cells={pk: bytearray(row) for pk, row in plan.cells.items()})
    if free.cells:
        clear_held(free, staff_ids=set(free.cells))
    return free


def slots_free(
    *, service: Service, location: Location, day_from: dt.date, day_to: dt.date, now: dt.datetime | None = None
) -> list[Slot]:
    """Every start time at which some qualified staff member is free for the whole service, with
    who could serve it. For listing start times over many days, :func:`slot_starts` is cheaper."""
    found = _free_plan(service=service, location=location, day_from=day_from, day_to=day_to)
    first = found.index(now or timezone.now(), up=True)
    need = service.cells
    by_start: dict[int, list[int]] = defaultdict(list)
    for staff_id in sorted(found.cells):
        for index in _bits(found.starts(staff_id, need, first)):
            by_start[index].append(staff_id)
    return [
        Slot(starts_at=found.moment(index), ends_at=found.moment(index + need), staff_ids=tuple(by_start[index]))
        for index in sorted(by_start)
    ]


def slot_free(*, service: Service, location: Location, starts_at: dt.datetime, now: dt.datetime) -> Slot | None:
    """The slot of ``service`` at ``location`` starting at ``starts_at``, with the qualified staff
    free for all of it (in the order a booking tries them), or None.

    Who is present that day (patterns, exceptions, holidays) is remembered with the catalogue;
    who is busy is read now from the held cells of the span, in one indexed query, so that this
    check is cheap enough to run before and again inside every booking transaction.
    """
    starts_at = starts_at.astimezone(dt.UTC)
    day = starts_at.astimezone(BERLIN).date()
    need = service.cells
    plan = day_plan(service=service, location=location, day_from=day, day_to=day)
    first = plan.index(starts_at)
    if starts_at < now or plan.moment(first) != starts_at or first + need > plan.size:
        return None
    present = [staff for staff, row in sorted(plan.cells.items()) if row[first : first + need] == ONE * need]
    if not present:
        return None
    ends_at = starts_at + need * GRID
    busy = _staff_busy(staff_ids=present, starts_at=starts_at, ends_at=ends_at)
    free = tuple(staff for staff in present if staff not in busy)
    return Slot(starts_at=starts_at, ends_at=ends_at, staff_ids=free) if free else None


def _staff_busy(*, staff_ids: list[int], starts_at: dt.datetime, ends_at: dt.datetime) -> set[int]:
    """Who of ``staff_ids`` holds a cell of the current tenant in [starts_at, ends_at).

    Written out rather than built by the ORM: every booking attempt asks, and on a loaded server
    building this query took five times as long as running it (0.45 ms against 0.09 ms)."""
    connection = connections[router.db_for_read(BookingCell)]
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT staff_id FROM {BookingCell._meta.db_table} "  # noqa: S608 - names and placeholders only
            f"WHERE tenant_id = %s AND staff_id IN ({placeholders(staff_ids)}) AND starts_at >= %s AND starts_at < %s",
            [require_tenant().pk, *staff_ids, adapt(starts_at), adapt(ends_at)],
        )
        return {staff_id for (staff_id,) in cursor.fetchall()}


def people_with_address(email: str) -> list[Person]:
    """The current tenant's people with the e-mail address ``email``, letter case aside, as
    ``Person.objects.filter(email__iexact=…)`` finds them (by the index on UPPER(email)).

    Written out rather than built by the ORM: every booking that claims a time asks, and building
    the query took four times as long as sending it and reading the rows (0.6 against 0.12 ms)."""
    connection = connections[router.db_for_read(Person)]
    quote = connection.ops.quote_name
    fields = Person._meta.concrete_fields
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(quote(field.column) for field in fields)} FROM {quote(Person._meta.db_table)} "  # noqa: S608 - names and placeholders only
            "WHERE tenant_id = %s AND UPPER(email) = UPPER(%s) ORDER BY family_name, given_names, id",
            [require_tenant().pk, email.strip()],
        )
        rows = cursor.fetchall()
    if not rows:
        return []
    columns = [field.get_col(Person._meta.db_table) for field in fields]
    converters = [
        (index, [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)], column)
        for index, column in enumerate(columns)
    ]
    names = [field.attname for field in fields]
    people = []
    for row in rows:
        values = list(row)
        for index, functions, column in converters:
            for convert in functions:
                values[index] = convert(values[index], column, connection)
        people.append(Person.from_db(connection.alias, names, values))
    return people


def slot_starts(
    *, service: Service, location: Location, day_from: dt.date, day_to: dt.date, now: dt.datetime | None = None
) -> list[dt.datetime]:
    """The start times (UTC) at which someone qualified is free for the whole service."""
    found = _free_plan(service=service, location=location, day_from=day_from, day_to=day_to)
    first = found.index(now or timezone.now(), up=True)
    union = 0
    for staff_id in found.cells:
        union |= found.starts(staff_id, service.cells, first)
    return [found.moment(index) for index in _bits(union)]


def starts_by_day(starts: list[dt.datetime]) -> dict[dt.date, list[dt.datetime]]:
    """Start times grouped by their Berlin calendar day, in order, as Berlin wall-clock times."""
    days: dict[dt.date, list[dt.datetime]] = defaultdict(list)
    for start in starts:
        local = start.astimezone(BERLIN)
        days[local.date()].append(local)
    return dict(days)


def booking_window(*, service: Service, now: dt.datetime | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day a person may book ``service`` online right now.

    The last day opens each day at the service's release time, so nobody gains by watching
    the clock at midnight, and everybody knows when new days appear.
    """
    local = timezone.localtime(now or timezone.now())
    last = local.date() + dt.timedelta(days=service.latest_days)
    if local.time() < service.release_time:
        last -= dt.timedelta(days=1)
    return local.date() + dt.timedelta(days=service.earliest_days), last


def emergency_open(*, location: Location, now: dt.datetime | None = None) -> bool:
    """Whether today's emergency capacity at ``location`` has been released (after its release time)."""
    return location.emergency_share > 0 and timezone.localtime(now or timezone.now()).time() >= (
        location.emergency_release_time
    )


CATALOGUE = "appointments-catalogue"  # forgotten when a service, location, pattern or staff member changes


def _remembered(key: str, compute: Callable[[], Any]) -> Any:
    return remembered(
        CATALOGUE, f"{require_tenant().pk}:{key}", compute, timeout=settings.APPOINTMENTS_CATALOGUE_CACHE_SECONDS
    )


def service_active(*, service_id: int) -> Service | None:
    """The active service ``service_id``, or None. Remembered: every booking attempt asks."""
    return _remembered(
        f"service:{service_id}",
        lambda: Service.objects.select_related("section").filter(pk=service_id, is_active=True).order_by("pk").first(),
    )


def booking_counters(*, booking: Booking) -> list[Counter]:
    """The counters of the booking's section at its location (told to the person beforehand).
    Remembered: every mail about an appointment names them."""
    location_id, section_id = booking.location_id, booking.service.section_id
    return _remembered(
        f"counters:{location_id}:{section_id}",
        lambda: list(Counter.objects.filter(location_id=location_id, section_id=section_id).order_by("number", "pk")),
    )


def service_locations(*, service: Service) -> list[Location]:
    """The locations where someone qualified for ``service`` works. Remembered: every booking attempt asks."""

    def compute() -> list[Location]:
        staff_ids = service.qualified_staff.filter(is_active=True).values("pk")
        return list(Location.objects.filter(weekly_availability__staff_id__in=staff_ids).distinct().order_by("name"))

    return _remembered(f"locations:{service.pk}", compute)


@dataclass(frozen=True)
class Pattern:
    """A group of open online bookings that share something a bot would share."""

    kind: str  # "network", "domain" (a throwaway-mail domain) or "name"
    value: str
    bookings: int


def booking_patterns(*, now: dt.datetime | None = None, min_bookings: int = 3) -> list[Pattern]:
    """Open future online bookings grouped by origin network, e-mail domain and name, largest
    groups first; throwaway-mail domains are always listed. For the lead to spot resellers."""
    now = now or timezone.now()
    open_online = Booking.objects.filter(status__in=OPEN_STATUSES, starts_at__gte=now, channel=Booking.Channel.ONLINE)
    patterns = [
        Pattern("network", row["origin_network"], row["n"])
        for row in open_online.exclude(origin_network="")
        .values("origin_network")
        .annotate(n=Count("pk"))
        .filter(n__gte=min_bookings)
    ]
    domains: dict[str, int] = defaultdict(int)
    for email in open_online.exclude(person__email="").values_list("person__email", flat=True):
        domains[email.rpartition("@")[2].lower()] += 1
    patterns += [
        Pattern("domain", domain, count) for domain, count in domains.items() if is_disposable_email(f"x@{domain}")
    ]
    patterns += [
        Pattern("name", f"{row['g']} {row['f']}", row["n"])
        for row in open_online.annotate(g=Lower("person__given_names"), f=Lower("person__family_name"))
        .values("g", "f")
        .annotate(n=Count("pk"))
        .filter(n__gte=min_bookings)
    ]
    return sorted(patterns, key=lambda p: (-p.bookings, p.kind, p.value))
