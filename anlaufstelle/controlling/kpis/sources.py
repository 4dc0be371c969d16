"""One query per source, straight from the cursor into a Polars frame.

Instants come out of the database as whole seconds since 1970 (computed by the database, see
``Epoch``), so no row passes through Django's datetime converters; Polars turns them into
Berlin wall-clock times in one vectorised step. Every query is scoped to the current tenant
by the tenant-owned managers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl
from django.db import connections
from django.db.models import FloatField, Q, QuerySet
from django.db.models.functions import Cast

from anlaufstelle.appointments.models import (
    AllocationRequest,
    AvailabilityException,
    Booking,
    Location,
    WaitlistEntry,
    WeeklyAvailability,
)
from anlaufstelle.appointments.selectors import GRID_MINUTES, presence
from anlaufstelle.core.functions import Epoch
from anlaufstelle.core.models import Position
from anlaufstelle.frontdesk.models import CallbackRequest, ContactMessage, Ticket

from ..models import FeedbackInvitation, FeedbackResponse, LeadTimeSnapshot
from .scope import BERLIN, Scope

FEW_DAYS = 7  # up to this many days, bookings are read by three index range scans

# Name of each column of a source: what the database returns for it, and its Polars type.
Columns = dict[str, tuple[Any, Any]]


def frame(queryset: QuerySet[Any], columns: Columns, *, union_all: Sequence[QuerySet[Any]] = ()) -> pl.DataFrame:
    """The rows of ``queryset`` (and of ``union_all``, joined by UNION ALL) as a frame of
    ``columns``, read from the cursor without Django's per-value converters (both drivers give
    dates as dates)."""
    values = [
        part.order_by().values_list(*(value for value, _type in columns.values())) for part in (queryset, *union_all)
    ]
    query = values[0].union(*values[1:], all=True) if union_all else values[0]
    schema = {name: dtype for name, (_value, dtype) in columns.items()}
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=schema, orient="row")


def local(column: str | pl.Expr) -> pl.Expr:
    """Seconds since 1970 (UTC) as a Berlin wall-clock datetime."""
    return (
        pl.from_epoch(pl.col(column) if isinstance(column, str) else column, time_unit="s")
        .dt.replace_time_zone("UTC")
        .dt.convert_time_zone(BERLIN.key)
    )


def local_day(column: str) -> pl.Expr:
    return local(column).dt.date()


def narrow(queryset: QuerySet[Any], scope: Scope, *, section: str, service: str | None, location: str | None) -> Any:
    if scope.section_id is not None:
        queryset = queryset.filter(**{section: scope.section_id})
    if scope.service_id is not None and service is not None:
        queryset = queryset.filter(**{service: scope.service_id})
    if scope.location_id is not None and location is not None:
        queryset = queryset.filter(**{location: scope.location_id})
    return queryset


def bookings(scope: Scope) -> pl.DataFrame:
    """Bookings made, starting or cancelled in the period. For a few days (today on the
    dashboard) three queries joined by UNION ALL, so each reads its own index (an OR of the three
    needs the planner's statistics to do so); for longer periods one query with the OR."""
    columns: Columns = {
        "service_id": ("service_id", pl.Int64),
        "location_id": ("location_id", pl.Int64),
        "status": ("status", pl.String),
        "channel": ("channel", pl.String),
        "urgency": ("urgency", pl.String),
        "created": (Epoch("created_at"), pl.Int64),
        "starts": (Epoch("starts_at"), pl.Int64),
        "ends": (Epoch("ends_at"), pl.Int64),
        "cancelled": (Epoch("cancelled_at"), pl.Int64),
        "id": ("id", pl.Int64),  # a booking made and starting in the period comes twice
    }
    fields = ("created_at", "starts_at", "cancelled_at")
    conditions = [Q(**{f"{field}__gte": scope.start, f"{field}__lt": scope.end}) for field in fields]
    if scope.days > FEW_DAYS:
        conditions = [conditions[0] | conditions[1] | conditions[2]]
    parts = [
        narrow(
            Booking.objects.filter(condition),
            scope,
            section="service__section_id",
            service="service_id",
            location="location_id",
        )
        for condition in conditions
    ]
    return frame(parts[0], columns, union_all=parts[1:]).unique("id").drop("id")


def ticket_events(scope: Scope) -> pl.DataFrame:
    """Queue events of the tickets of the period (a ticket belongs to its day, the Berlin day of
    its arrival), each with what the KPIs need of its ticket. Read from the tickets of the days
    (index ``ticket_day``) to their events; a ticket without events gives one empty row."""
    queryset = Ticket.objects.filter(day__gte=scope.first, day__lte=scope.last)
    queryset = narrow(queryset, scope, section="section_id", service="service_id", location="location_id")
    return frame(
        queryset,
        {
            "ticket_id": ("id", pl.Int64),
            "kind": ("events__kind", pl.String),
            "at": (Epoch("events__at"), pl.Int64),
            "ready": (Epoch("ready_at"), pl.Int64),
            "estimate": ("estimate_minutes", pl.Int64),
            "booking_id": ("booking_id", pl.Int64),
            "section_id": ("section_id", pl.Int64),
            "service_id": ("service_id", pl.Int64),
            "location_id": ("location_id", pl.Int64),
        },
    )


def _requests(model: type[WaitlistEntry] | type[AllocationRequest], scope: Scope) -> pl.DataFrame:
    queryset = model.objects.filter(confirmed_at__lt=scope.end)
    queryset = narrow(queryset, scope, section="service__section_id", service="service_id", location="location_id")
    return frame(
        queryset,
        {
            "status": ("status", pl.String),
            "confirmed": (Epoch("confirmed_at"), pl.Int64),
            "offered": (Epoch("offer__created_at"), pl.Int64),
        },
    )


def waitlist(scope: Scope) -> pl.DataFrame:
    """Waiting-list entries confirmed before the period ended."""
    return _requests(WaitlistEntry, scope)


def allocation_requests(scope: Scope) -> pl.DataFrame:
    """Registrations of need confirmed before the period ended."""
    return _requests(AllocationRequest, scope)


def callbacks(scope: Scope) -> pl.DataFrame:
    queryset = CallbackRequest.objects.filter(created_at__gte=scope.start, created_at__lt=scope.end)
    queryset = narrow(queryset, scope, section="section_id", service="service_id", location=None)
    return frame(
        queryset, {"created": (Epoch("created_at"), pl.Int64), "first_attempt": (Epoch("first_attempt_at"), pl.Int64)}
    )


def contact_messages(scope: Scope) -> pl.DataFrame:
    queryset = ContactMessage.objects.filter(created_at__gte=scope.start, created_at__lt=scope.end)
    queryset = narrow(queryset, scope, section="section_id", service="service_id", location=None)
    return frame(queryset, {"created": (Epoch("created_at"), pl.Int64), "answered": (Epoch("answered_at"), pl.Int64)})


def positions(scope: Scope) -> pl.DataFrame:
    queryset = narrow(Position.objects.all(), scope, section="section_id", service=None, location=None)
    return frame(queryset, {"fte": (Cast("fte", FloatField()), pl.Float64), "holder_id": ("holder_id", pl.Int64)})


def absences(scope: Scope) -> pl.DataFrame:
    """Planned absences and trainings of staff members (of the section) overlapping the period."""
    queryset = AvailabilityException.objects.filter(
        kind__in=[AvailabilityException.Kind.ABSENCE, AvailabilityException.Kind.TRAINING],
        staff__isnull=False,
        starts_at__lt=scope.end,
        ends_at__gt=scope.start,
    )
    queryset = narrow(queryset, scope, section="staff__sections", service=None, location=None)
    return frame(
        queryset,
        {
            "staff_id": ("staff_id", pl.Int64),
            "starts": (Epoch("starts_at"), pl.Int64),
            "ends": (Epoch("ends_at"), pl.Int64),
        },
    )


def counter_hours(scope: Scope) -> float:
    """Hours present at the counters in the period (weekly patterns less holidays and exceptions),
    from the appointment system's presence computation, per location of the staff in scope."""
    staff = WeeklyAvailability.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=scope.first), valid_from__lte=scope.last
    )
    staff = narrow(staff, scope, section="staff__sections", service="staff__qualified_services", location="location_id")
    by_location: dict[int, set[int]] = {}
    for location_id, staff_id in staff.order_by().values_list("location_id", "staff_id").distinct():
        by_location.setdefault(location_id, set()).add(staff_id)
    cells = 0
    for location in Location.objects.filter(pk__in=by_location):
        plan = presence(
            staff_ids=by_location[location.pk],
            location=location,
            day_from=scope.first,
            day_to=scope.last,
            free_only=False,
        )
        cells += sum(row.count(1) for row in plan.cells.values())
    return cells * GRID_MINUTES / 60


def lead_time_snapshots(scope: Scope) -> pl.DataFrame:
    queryset = LeadTimeSnapshot.objects.filter(day__gte=scope.first, day__lte=scope.last)
    queryset = narrow(queryset, scope, section="service__section_id", service="service_id", location="location_id")
    columns = {"day": pl.Date, "service_id": pl.Int64, "lead_days": pl.Int64, "window_days": pl.Int64}
    return frame(queryset, {name: (name, dtype) for name, dtype in columns.items()})


def feedback(scope: Scope) -> pl.DataFrame:
    queryset = FeedbackResponse.objects.filter(day__gte=scope.first, day__lte=scope.last)
    queryset = narrow(queryset, scope, section="section_id", service="service_id", location="location_id")
    columns = {"day": pl.Date, "source": pl.String} | {question: pl.Int64 for question in FeedbackResponse.QUESTIONS}
    return frame(queryset, {name: (name, dtype) for name, dtype in columns.items()})


def feedback_invitations(scope: Scope) -> pl.DataFrame:
    queryset = FeedbackInvitation.objects.filter(day__gte=scope.first, day__lte=scope.last)
    queryset = narrow(queryset, scope, section="service__section_id", service="service_id", location="location_id")
    return frame(queryset, {"day": ("day", pl.Date)})
