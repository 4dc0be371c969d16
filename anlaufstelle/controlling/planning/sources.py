"""What the capacity plan reads: the demand history per service and week, the registrations
still waiting, the services with their staff, and the counter time of the coming months.

Demand is counted when it arises: a booking on the day it was made, a registration of need on
the day it was confirmed, a walk-in on the day of its ticket. Two streams are kept apart:

* *with appointment*: bookings made at least a day ahead that hold their time (confirmed,
  attended, missed; a cancelled booking gave its time back and a move counts once, as the booking
  that replaced it), and registrations of need (the bookings that serve them are not counted
  again). This is what the booking calendar has to absorb.
* *same day*: emergency bookings, bookings made for the same day and walk-in tickets of a
  service. The office serves them from the share of each shift held back for the day (the
  emergency share), not from the calendar.

Each query is one read of a few columns; the tenant-owned managers scope it to the current tenant.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

import polars as pl
from django.db.models import Min, Q, Sum

from anlaufstelle.appointments.models import (
    AllocationRequest,
    Booking,
    BookingCell,
    CellHold,
    Location,
    Service,
    WeeklyAvailability,
)
from anlaufstelle.appointments.models.capacity import GRID_MINUTES
from anlaufstelle.appointments.selectors import HOLDING_STATUSES, Presence, clear_held, presence
from anlaufstelle.core.functions import Epoch
from anlaufstelle.core.models import Position, Section, User
from anlaufstelle.frontdesk.models import Ticket

from ..kpis import BERLIN, berlin_midnight
from ..kpis.sources import frame, local_day
from ..models import LeadTimeSnapshot
from .forecast import WEEK, monday

PLANNED, SAME_DAY = "planned", "same_day"
WAITING_REGISTRATION = (AllocationRequest.Status.PENDING,)
COUNTED_REGISTRATION = (
    AllocationRequest.Status.PENDING,
    AllocationRequest.Status.OFFERED,
    AllocationRequest.Status.BOOKED,
)


@dataclass(frozen=True)
class ServiceInfo:
    pk: int
    name: str
    section_id: int
    section: str
    minutes: int  # one appointment, whole grid cells
    earliest_days: int
    latest_days: int
    staff: tuple[int, ...]  # active staff qualified for it


def services_read() -> list[ServiceInfo]:
    """The active services in the order of their sections, with who is qualified for each."""
    qualified: dict[int, list[int]] = defaultdict(list)
    for service_id, user_id in Service.qualified_staff.through.objects.filter(user__is_active=True).values_list(
        "service_id", "user_id"
    ):
        qualified[service_id].append(user_id)
    return [
        ServiceInfo(
            pk=service.pk,
            name=str(service),
            section_id=service.section_id,
            section=str(service.section),
            minutes=service.cells * GRID_MINUTES,
            earliest_days=service.earliest_days,
            latest_days=service.latest_days,
            staff=tuple(sorted(qualified[service.pk])),
        )
        for service in Service.objects.filter(is_active=True).select_related("section").order_by("section__code", "pk")
    ]


def sections_read() -> list[Section]:
    return list(Section.objects.order_by("code"))


def history_first_week(*, before: dt.date) -> dt.date | None:
    """The Monday of the first appointment before ``before``: bookings made earlier belong to the
    start of the booking system (made for its first weeks), not to a week of normal demand."""
    first = Booking.objects.filter(starts_at__lt=berlin_midnight(before)).aggregate(first=Min("starts_at"))["first"]
    return monday(first.astimezone(BERLIN).date()) if first else None


def demand_weekly(*, first: dt.date, weeks: int) -> dict[str, dict[int, list[int]]]:
    """Demand per stream, service and week, for ``weeks`` weeks from the Monday ``first``."""
    start, end = berlin_midnight(first), berlin_midnight(first + weeks * WEEK)
    bookings = frame(
        Booking.objects.filter(created_at__gte=start, created_at__lt=end, status__in=HOLDING_STATUSES).exclude(
            channel=Booking.Channel.ALLOCATION
        ),
        {
            "service": ("service_id", pl.Int64),
            "at": (Epoch("created_at"), pl.Int64),
            "starts": (Epoch("starts_at"), pl.Int64),
            "urgency": ("urgency", pl.String),
        },
    )
    registrations = frame(
        AllocationRequest.objects.filter(
            confirmed_at__gte=start, confirmed_at__lt=end, status__in=COUNTED_REGISTRATION
        ),
        {"service": ("service_id", pl.Int64), "at": (Epoch("confirmed_at"), pl.Int64)},
    )
    walk_ins = frame(
        Ticket.objects.filter(booking__isnull=True, service__isnull=False, issued_at__gte=start, issued_at__lt=end),
        {"service": ("service_id", pl.Int64), "at": (Epoch("issued_at"), pl.Int64)},
    )
    same_day = (pl.col("urgency") != "") | (local_day("at") == local_day("starts"))
    events = pl.concat(
        [
            bookings.select(
                "service", "at", stream=pl.when(same_day).then(pl.lit(SAME_DAY)).otherwise(pl.lit(PLANNED))
            ),
            registrations.select("service", "at", stream=pl.lit(PLANNED)),
            walk_ins.select("service", "at", stream=pl.lit(SAME_DAY)),
        ]
    )
    counted = (
        events.with_columns(week=(local_day("at") - pl.lit(first)).dt.total_days() // 7)
        .group_by("stream", "service", "week")
        .len()
    )
    counts: dict[str, dict[int, list[int]]] = {PLANNED: {}, SAME_DAY: {}}
    for stream, service_id, week, count in counted.iter_rows():
        counts[stream].setdefault(service_id, [0] * weeks)[week] = count
    return counts


def registrations_waiting() -> list[tuple[int, dt.date | None]]:
    """Registrations of need still waiting for an offer: their service and permit expiry (if given)."""
    return list(
        AllocationRequest.objects.filter(status__in=WAITING_REGISTRATION)
        .order_by("permit_expires_on", "confirmed_at", "pk")
        .values_list("service_id", "permit_expires_on")
    )


def lead_times_measured(*, until: dt.date) -> tuple[dt.date | None, dict[int, int]]:
    """The last recorded lead time per service (best location; none free in the window counts as
    window + 1 days, as on the dashboard) and the day it was recorded."""
    day = LeadTimeSnapshot.objects.filter(day__lte=until).order_by("-day").values_list("day", flat=True).first()
    if day is None:
        return None, {}
    found: dict[int, int] = {}
    for service_id, lead, window in LeadTimeSnapshot.objects.filter(day=day).values_list(
        "service_id", "lead_days", "window_days"
    ):
        days = lead if lead is not None else window + 1
        found[service_id] = min(days, found.get(service_id, days))
    return day, found


@dataclass
class Calendar:
    """Counter time per staff member and location, day by day, from ``first`` on (minutes).

    ``present``: the weekly pattern less public holidays, absences and closures; ``free``: of
    that, what no booking, held-back emergency time or cancellation embargo takes yet;
    ``emergency_held``: the emergency time already held back; ``share``: the location's emergency
    share (0 to 1). ``bookings``: (row, day, service) of each booking in the calendar that holds time.
    """

    first: dt.date
    days: int
    rows: list[tuple[int, int]]  # (staff id, location id) of each row
    present: list[list[int]]
    free: list[list[int]]
    emergency_held: list[list[int]]
    share: list[float]
    bookings: list[tuple[int, int, int]]
    staff_sections: dict[int, frozenset[int]]
    staff_fte: dict[int, float]


def calendar_read(*, first: dt.date, days: int) -> Calendar:
    """The counter time of every scheduled active staff member for ``days`` days from ``first``:
    the appointment system's own presence computation (two passes per location)."""
    last = first + dt.timedelta(days=days - 1)
    patterns = (
        WeeklyAvailability.objects.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=first), valid_from__lte=last, staff__is_active=True
        )
        .order_by()
        .values_list("location_id", "staff_id")
        .distinct()
    )
    by_location: dict[int, set[int]] = defaultdict(set)
    for location_id, staff_id in patterns:
        by_location[location_id].add(staff_id)
    rows: list[tuple[int, int]] = []
    present_rows: list[list[int]] = []
    free_rows: list[list[int]] = []
    shares: list[float] = []
    for location in Location.objects.filter(pk__in=by_location).order_by("pk"):
        plan = presence(
            staff_ids=by_location[location.pk], location=location, day_from=first, day_to=last, free_only=False
        )
        free = Presence(base=plan.base, size=plan.size, cells={pk: bytearray(row) for pk, row in plan.cells.items()})
        clear_held(free, staff_ids=set(free.cells))
        bounds = [plan.index(berlin_midnight(first + dt.timedelta(days=day))) for day in range(days + 1)]
        for staff_id in sorted(plan.cells):
            rows.append((staff_id, location.pk))
            shares.append(location.emergency_share / 100)
            for source, target in ((plan, present_rows), (free, free_rows)):
                cells = source.cells[staff_id]
                target.append([cells[a:b].count(1) * GRID_MINUTES for a, b in pairwise(bounds)])
    row_of = {row: index for index, row in enumerate(rows)}
    held = [[0] * days for _row in rows]
    start, end = berlin_midnight(first), berlin_midnight(last + dt.timedelta(days=1))
    for staff_id, location_id, starts_at in BookingCell.objects.filter(
        hold=CellHold.EMERGENCY, starts_at__gte=start, starts_at__lt=end
    ).values_list("staff_id", "location_id", "starts_at"):
        row = row_of.get((staff_id, location_id))
        if row is not None:
            held[row][(starts_at.astimezone(BERLIN).date() - first).days] += GRID_MINUTES
    bookings = []
    for staff_id, location_id, service_id, starts_at in Booking.objects.filter(
        starts_at__gte=start, starts_at__lt=end, status__in=HOLDING_STATUSES
    ).values_list("staff_id", "location_id", "service_id", "starts_at"):
        row = row_of.get((staff_id, location_id))
        if row is not None:
            bookings.append((row, (starts_at.astimezone(BERLIN).date() - first).days, service_id))
    staff_ids = {staff_id for staff_id, _location in rows}
    sections: dict[int, set[int]] = defaultdict(set)
    for user_id, section_id in User.sections.through.objects.filter(user_id__in=staff_ids).values_list(
        "user_id", "section_id"
    ):
        sections[user_id].add(section_id)
    fte: dict[int, Decimal] = dict(
        Position.objects.filter(holder_id__in=staff_ids)
        .order_by()
        .values_list("holder_id")
        .annotate(total=Sum("fte"))
        .values_list("holder_id", "total")
    )
    return Calendar(
        first=first,
        days=days,
        rows=rows,
        present=present_rows,
        free=free_rows,
        emergency_held=held,
        share=shares,
        bookings=bookings,
        staff_sections={staff_id: frozenset(sections[staff_id]) for staff_id in staff_ids},
        # a scheduled staff member without a position in the plan counts as one full-time equivalent
        staff_fte={staff_id: float(fte.get(staff_id) or 1) for staff_id in staff_ids},
    )
