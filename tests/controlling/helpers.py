"""Hand-made event sets for the KPI tests: Berlin wall-clock times in, stored rows out."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from anlaufstelle.appointments.models import Booking
from anlaufstelle.frontdesk.models import Ticket, TicketEvent

from ..factories import BookingFactory, TicketFactory

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def booking(
    *, created: dt.datetime, starts: dt.datetime, cancelled: dt.datetime | None = None, **fields: Any
) -> Booking:
    """A booking made at ``created`` (``created_at`` is set on insert, so it is written after)."""
    item = BookingFactory(starts_at=starts, ends_at=starts + dt.timedelta(minutes=30), cancelled_at=cancelled, **fields)
    Booking.objects.filter(pk=item.pk).update(created_at=created)
    return item


def ticket(*, events: list[tuple[str, dt.datetime]], **fields: Any) -> Ticket:
    """A ticket with its event log; the first event is its arrival."""
    arrived = events[0][1]
    fields.setdefault("ready_at", arrived)
    item = TicketFactory(issued_at=arrived, day=arrived.astimezone(BERLIN).date(), **fields)
    for kind, at in events:
        TicketEvent.objects.create(ticket=item, kind=kind, at=at, location=item.location, section=item.section)
    return item
