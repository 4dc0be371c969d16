"""Background work of core, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .scheduling import PeriodicJob, register_periodic


@task()
def deliver_outbox() -> int:
    """Send all due outgoing mail; returns how many messages were sent."""
    from .services import outbox_deliver_due

    return len(outbox_deliver_due().sent)


@task()
def purge_audit_log() -> int:
    """Delete audit entries older than the retention period (AUDIT_RETENTION_DAYS)."""
    from .services import audit_purge

    return audit_purge(before=timezone.now() - dt.timedelta(days=settings.AUDIT_RETENTION_DAYS))


register_periodic(
    PeriodicJob("core.deliver_outbox", "anlaufstelle.core.tasks.deliver_outbox", every=dt.timedelta(minutes=1))
)
register_periodic(
    PeriodicJob("core.purge_audit_log", "anlaufstelle.core.tasks.purge_audit_log", daily_at=dt.time(3, 0))
)
