"""Extension hooks only: record logins and failed logins in the audit log; forget cached
tenant look-ups when a tenant changes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import AuditAction, Tenant


@receiver(user_logged_in)
def _audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from .services import audit_record

    if getattr(request, "tenant", None) is not None:
        audit_record(actor=user, action=AuditAction.LOGIN, object_type="core.user", object_id=str(user.pk))


@receiver([post_save, post_delete], sender=Tenant)
def _forget_cached_tenants(sender: Any, **kwargs: Any) -> None:
    from .caching import forget
    from .selectors import TENANT_CACHE

    forget(TENANT_CACHE)
