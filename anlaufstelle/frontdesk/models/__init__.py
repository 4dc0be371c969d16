"""Front desk: queue rules, tickets with their event log, counter sessions, contact channels."""

from .contact import CallbackAttempt, CallbackRequest, ContactMessage, TimeWindow
from .queue import QueueRule, ServiceDeskRule
from .tickets import (
    OPEN_TICKET_STATUSES,
    CounterSession,
    EventKind,
    Priority,
    Ticket,
    TicketEvent,
    TicketStatus,
)

__all__ = [
    "OPEN_TICKET_STATUSES",
    "CallbackAttempt",
    "CallbackRequest",
    "ContactMessage",
    "CounterSession",
    "EventKind",
    "Priority",
    "QueueRule",
    "ServiceDeskRule",
    "Ticket",
    "TicketEvent",
    "TicketStatus",
    "TimeWindow",
]
