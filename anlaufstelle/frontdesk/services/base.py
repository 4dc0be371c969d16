"""What every front-desk service shares: the error type and the event log (rows are locked with
``core.locking.lock``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ..models import EventKind, Ticket, TicketEvent


class FrontdeskError(Exception):
    """Something a user asked for cannot be done; ``str(error)`` says why, in their language."""


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
