"""Write side of core. Services are keyword-only functions that own their transaction."""

from .audit import audit_purge, audit_record
from .content import content_translation_save
from .outbox import (
    Composed,
    OutboxReport,
    mail_queue,
    mail_queue_composed,
    outbox_compose,
    outbox_deliver_due,
    register_composer,
)
from .people import person_create, person_read, person_update

__all__ = [
    "Composed",
    "OutboxReport",
    "audit_purge",
    "audit_record",
    "content_translation_save",
    "mail_queue",
    "mail_queue_composed",
    "outbox_compose",
    "outbox_deliver_due",
    "person_create",
    "person_read",
    "person_update",
    "register_composer",
]
