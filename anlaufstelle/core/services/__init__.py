"""Write side of core. Services are keyword-only functions that own their transaction."""

from .audit import audit_purge, audit_record
from .content import content_translation_save
from .outbox import OutboxReport, mail_queue, outbox_deliver_due
from .people import person_create, person_read, person_update

__all__ = [
    "OutboxReport",
    "audit_purge",
    "audit_record",
    "content_translation_save",
    "mail_queue",
    "outbox_deliver_due",
    "person_create",
    "person_read",
    "person_update",
]
