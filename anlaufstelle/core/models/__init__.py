"""Core data: tenants, their organisation, staff and people, audit log, outbox, schedule."""

from .audit import AuditAction, AuditEntry, AuditPurgeGrant
from .organisation import District, OpeningHours, Organisation, Position, Section, Tenant
from .outbox import OutboxMessage, OutboxStatus
from .people import Person, Role, User
from .scheduling import ScheduledRun

__all__ = [
    "AuditAction",
    "AuditEntry",
    "AuditPurgeGrant",
    "District",
    "OpeningHours",
    "Organisation",
    "OutboxMessage",
    "OutboxStatus",
    "Person",
    "Position",
    "Role",
    "ScheduledRun",
    "Section",
    "Tenant",
    "User",
]
