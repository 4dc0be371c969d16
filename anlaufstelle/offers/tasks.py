"""Background work of the directory: reminding editors of offers nobody checked for a long time."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from anlaufstelle.core.scheduling import PeriodicJob, each_tenant, register_periodic


@task()
def remind_unchecked_offers() -> int:
    """Per tenant, one mail per editor with their stale offers; returns the mails queued."""
    from .services import offers_remind_unchecked

    return sum(each_tenant(offers_remind_unchecked))


register_periodic(
    PeriodicJob(
        "offers.remind_unchecked_offers", "anlaufstelle.offers.tasks.remind_unchecked_offers", daily_at=dt.time(6, 30)
    )
)
