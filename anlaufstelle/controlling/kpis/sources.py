"""One query per source, straight from the cursor into a Polars frame.

Instants come out of the database as whole seconds since 1970 (computed by the database, see
``Epoch``), so no row passes through Django's datetime converters; Polars turns them into
Berlin wall-clock times in one vectorised step. Every query is scoped to the current tenant
by the tenant-owned managers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import FloatField, Q, QuerySet
from django.db.models.functions import Cast

from anlaufstelle.appointments.models import AllocationRequest, AvailabilityException, Booking, WaitlistEntry
from anlaufstelle.core.functions import Epoch
from anlaufstelle.core.models import Position
from anlaufstelle.frontdesk.models import CallbackRequest, ContactMessage, TicketEvent

from ..models import FeedbackInvitation, FeedbackResponse, LeadTimeSnapshot
from .scope import Scope

BERLIN_TZ = "Europe/Berlin"


def _frame(queryset: QuerySet[Any], schema: dict[str, Any]) -> pl.DataFrame:
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. ``staff_id__in`` an empty set
        return pl.DataFrame(schema=schema)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=schema, orient="row")


def local(column: str | pl.Expr) -> pl.Expr:
    """Seconds since 1970 (UTC) as a Berlin wall-clock datetime."""
    return (
        pl.from_epoch(pl.col(column) if isinstance(column, str) else column, time_unit="s")
        .dt.replace_time_zone("UTC")
        .dt.convert_time_zone(BERLIN_TZ)
    )


def local_day(column: str) -> pl.Expr:
    return local(column).dt.date()


def _narrow(queryset: QuerySet[Any], scope: Scope, *, section: str, service: str | None, location: str | None) -> Any:
    if scope.section_id is not None:
        queryset = queryset.filter(**{section: scope.section_id})
    if scope.service_id is not None and service is not None:
        queryset = queryset.filter(**{service: scope.service_id})
    if scope.location_id is not None and location is not None:
        queryset = queryset.filter(**{location: scope.location_id})
    return queryset


def bookings(scope: Scope) -> pl.DataFrame:
    """Bookings made, starting or cancelled in the period."""
    start, end = scope.start, scope.end
    queryset = Booking.objects.filter(
        Q(created_at__gte=start, created_at__lt=end)
        | Q(starts_at__gte=start, starts_at__lt=end)
        | Q(cancelled_at__gte=start, cancelled_at__lt=end)
    )
    queryset = _narrow(
        queryset, scope, section="service__section_id", service="service_id", location="location_id"
    ).order_by()
    return _frame(
        queryset.values_list(
            "service_id",
            "status",
            "channel",
            "urgency",
            Epoch("created_at"),
            Epoch("starts_at"),
            Epoch("ends_at"),
            Epoch("cancelled_at"),
        ),
        {
            "service_id": pl.Int64,
            "status": pl.String,
            "channel": pl.String,
            "urgency": pl.String,
            "created": pl.Int64,
            "starts": pl.Int64,
            "ends": pl.Int64,
            "cancelled": pl.Int64,
        },
    )


def ticket_events(scope: Scope) -> pl.DataFrame:
    """Queue events of the period, each with what the KPIs need of its ticket."""
    queryset = TicketEvent.objects.filter(at__gte=scope.start, at__lt=scope.end)
    queryset = _narrow(
        queryset, scope, section="section_id", service="ticket__service_id", location="location_id"
    ).order_by()
    return _frame(
        queryset.values_list(
            "ticket_id",
            "kind",
            Epoch("at"),
            Epoch("ticket__ready_at"),
            "ticket__estimate_minutes",
            "ticket__booking_id",
        ),
        {
            "ticket_id": pl.Int64,
            "kind": pl.String,
            "at": pl.Int64,
            "ready": pl.Int64,
            "estimate": pl.Int64,
            "booking_id": pl.Int64,
        },
    )


def waitlist(scope: Scope) -> pl.DataFrame:
    """Waiting-list entries confirmed before the period ended."""
    queryset = WaitlistEntry.objects.filter(confirmed_at__lt=scope.end)
    queryset = _narrow(queryset, scope, section="service__section_id", service="service_id", location="location_id")
    return _frame(
        queryset.order_by().values_list("status", Epoch("confirmed_at"), Epoch("offer__created_at")),
        {"status": pl.String, "confirmed": pl.Int64, "offered": pl.Int64},
    )


def allocation_requests(scope: Scope) -> pl.DataFrame:
    """Registrations of need confirmed before the period ended."""
    queryset = AllocationRequest.objects.filter(confirmed_at__lt=scope.end)
    queryset = _narrow(queryset, scope, section="service__section_id", service="service_id", location="location_id")
    return _frame(
        queryset.order_by().values_list("status", Epoch("confirmed_at"), Epoch("offer__created_at")),
        {"status": pl.String, "confirmed": pl.Int64, "offered": pl.Int64},
    )


def callbacks(scope: Scope) -> pl.DataFrame:
    queryset = CallbackRequest.objects.filter(created_at__gte=scope.start, created_at__lt=scope.end)
    queryset = _narrow(queryset, scope, section="section_id", service="service_id", location=None)
    return _frame(
        queryset.order_by().values_list(Epoch("created_at"), Epoch("first_attempt_at")),
        {"created": pl.Int64, "first_attempt": pl.Int64},
    )


def contact_messages(scope: Scope) -> pl.DataFrame:
    queryset = ContactMessage.objects.filter(created_at__gte=scope.start, created_at__lt=scope.end)
    queryset = _narrow(queryset, scope, section="section_id", service="service_id", location=None)
    return _frame(
        queryset.order_by().values_list(Epoch("created_at"), Epoch("answered_at")),
        {"created": pl.Int64, "answered": pl.Int64},
    )


def positions(scope: Scope) -> pl.DataFrame:
    queryset = _narrow(Position.objects.all(), scope, section="section_id", service=None, location=None)
    return _frame(
        queryset.order_by().values_list(Cast("fte", FloatField()), "holder_id"),
        {"fte": pl.Float64, "holder_id": pl.Int64},
    )


def absences(scope: Scope, staff_ids: set[int] | None) -> pl.DataFrame:
    """Planned absences and trainings of staff members overlapping the period."""
    queryset = AvailabilityException.objects.filter(
        kind__in=[AvailabilityException.Kind.ABSENCE, AvailabilityException.Kind.TRAINING],
        staff__isnull=False,
        starts_at__lt=scope.end,
        ends_at__gt=scope.start,
    )
    if staff_ids is not None:
        queryset = queryset.filter(staff_id__in=staff_ids)
    return _frame(
        queryset.order_by().values_list("staff_id", Epoch("starts_at"), Epoch("ends_at")),
        {"staff_id": pl.Int64, "starts": pl.Int64, "ends": pl.Int64},
    )


def lead_time_snapshots(scope: Scope) -> pl.DataFrame:
    queryset = LeadTimeSnapshot.objects.filter(day__gte=scope.first, day__lte=scope.last)
    queryset = _narrow(queryset, scope, section="service__section_id", service="service_id", location="location_id")
    rows = queryset.order_by().values_list("day", "service_id", "lead_days", "window_days")
    return pl.DataFrame(
        list(rows),
        schema={"day": pl.Date, "service_id": pl.Int64, "lead_days": pl.Int64, "window_days": pl.Int64},
        orient="row",
    )


def feedback(scope: Scope) -> pl.DataFrame:
    queryset = FeedbackResponse.objects.filter(day__gte=scope.first, day__lte=scope.last)
    queryset = _narrow(queryset, scope, section="section_id", service="service_id", location="location_id")
    rows = queryset.order_by().values_list("day", "source", "waiting", "friendliness", "clarity", "result")
    return pl.DataFrame(
        list(rows),
        schema={
            "day": pl.Date,
            "source": pl.String,
            "waiting": pl.Int64,
            "friendliness": pl.Int64,
            "clarity": pl.Int64,
            "result": pl.Int64,
        },
        orient="row",
    )


def feedback_invitations(scope: Scope) -> pl.DataFrame:
    queryset = FeedbackInvitation.objects.filter(day__gte=scope.first, day__lte=scope.last)
    queryset = _narrow(queryset, scope, section="service__section_id", service="service_id", location="location_id")
    rows = queryset.order_by().values_list("day", "used")
    return pl.DataFrame(list(rows), schema={"day": pl.Date, "used": pl.Boolean}, orient="row")


def days_frame(first: dt.date, last: dt.date) -> pl.DataFrame:
    return pl.DataFrame({"day": pl.date_range(first, last, interval="1d", eager=True)})
