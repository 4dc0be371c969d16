"""Background work of the front desk: the retention job of the contact channels."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from anlaufstelle.core.scheduling import PeriodicJob, register_periodic


@task()
def purge_contact_requests() -> dict[str, int]:
    """Empty callback requests and contact messages of personal data past their retention period."""
    from .services import contact_retention_purge

    return contact_retention_purge()


register_periodic(
    PeriodicJob(
        "frontdesk.purge_contact_requests",
        "anlaufstelle.frontdesk.tasks.purge_contact_requests",
        daily_at=dt.time(3, 30),
    )
)
