"""Writing the audit log, and the retention job (the only code allowed to delete from it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from ..inserts import insert_instance
from ..models import AuditAction, AuditEntry, AuditPurgeGrant
from ..tenancy import all_tenants


def audit_record(
    *,
    actor: Any,
    action: AuditAction | str,
    object_type: str,
    object_id: str = "",
    person_id: int | None = None,
    reason: str = "",
    details: dict[str, Any] | None = None,
    request_id: str = "",
) -> AuditEntry:
    """Append one entry for the current tenant. ``details`` names fields, never their values."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return insert_instance(
        AuditEntry(
            actor_id=actor.pk if authenticated else None,
            actor_username=actor.get_username() if authenticated else "",
            actor_role=getattr(actor, "role", "") if authenticated else "",
            action=action,
            object_type=object_type,
            object_id=object_id,
            person_id=person_id,
            reason=reason.strip(),
            details=details or {},
            request_id=request_id,
        )
    )


def audit_purge(*, before: dt.datetime) -> int:
    """Delete entries older than ``before`` in every tenant; returns how many were deleted.

    The database refuses deletes from the audit log unless a purge grant exists inside the
    same transaction; the grant is removed again before commit.
    """
    with transaction.atomic(), all_tenants():
        grant = AuditPurgeGrant.objects.create()
        deleted, _ = AuditEntry.objects.filter(at__lt=before).delete()
        grant.delete()
    return deleted
