"""Background work of controlling: lead-time snapshots, threshold alerts, feedback invitations."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from anlaufstelle.core.scheduling import PeriodicJob, each_tenant, register_periodic


@task()
def record_lead_times() -> int:
    """Today's lead time to the next free appointment, per service and location."""
    from .services import leadtime_snapshot_record

    return sum(each_tenant(leadtime_snapshot_record))


@task()
def check_thresholds() -> int:
    """Mark figures beyond the lead's thresholds and mail the lead when one is newly crossed."""
    from .services import thresholds_check

    return sum(sum(state.breached for state in states) for states in each_tenant(thresholds_check))


@task()
def send_feedback_invitations() -> int:
    """The short anonymous survey, mailed the day after an attended appointment."""
    from .services import feedback_invitations_send

    return sum(each_tenant(feedback_invitations_send))


for name, at in (
    ("record_lead_times", dt.time(6, 0)),
    ("check_thresholds", dt.time(6, 30)),
    ("send_feedback_invitations", dt.time(9, 0)),
):
    register_periodic(PeriodicJob(f"controlling.{name}", f"anlaufstelle.controlling.tasks.{name}", daily_at=at))
