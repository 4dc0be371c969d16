"""Extension hooks only: record logins and failed logins in the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .models import AuditAction


@receiver(user_logged_in)
def _audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from .services import audit_record

    if getattr(request, "tenant", None) is not None:
        audit_record(actor=user, action=AuditAction.LOGIN, object_type="core.user", object_id=str(user.pk))
