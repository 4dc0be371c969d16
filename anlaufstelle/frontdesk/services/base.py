"""What every front-desk service shares: the error type, the locking helper, the event log."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.utils import timezone

from ..models import EventKind, Ticket, TicketEvent

LOCK_TIMEOUT_MS = 3000
M = TypeVar("M", bound=models.Model)


class FrontdeskError(Exception):
    """Something a user asked for cannot be done; ``str(error)`` says why, in their language."""


def lock(queryset: models.QuerySet[M], *, skip_locked: bool = False) -> models.QuerySet[M]:
    """``queryset`` with its rows locked until the end of the running transaction.

    PostgreSQL: ``SELECT … FOR UPDATE`` (``SKIP LOCKED`` on request) with a lock timeout, so a
    stuck transaction makes a caller fail instead of hang. SQLite: the IMMEDIATE transaction
    already holds the only write lock. Refuses to run outside a transaction.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() needs a transaction: wrap the work in transaction.atomic().")
    if not connection.features.has_select_for_update:
        return queryset
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{int(LOCK_TIMEOUT_MS)}ms'")
    return queryset.select_for_update(skip_locked=skip_locked, of=("self",))


def now_or(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def event_record(
    *,
    ticket: Ticket,
    kind: EventKind | str,
    at: dt.datetime,
    counter_id: int | None = None,
    staff_id: int | None = None,
    **details: Any,
) -> TicketEvent:
    """Append one event of ``ticket`` (with the section it is in at that moment)."""
    return TicketEvent.objects.create(
        ticket=ticket,
        kind=kind,
        at=at,
        location_id=ticket.location_id,
        section_id=ticket.section_id,
        counter_id=counter_id,
        staff_id=staff_id,
        details=details,
    )
