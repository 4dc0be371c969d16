"""Background work of controlling: lead-time snapshots, threshold alerts, feedback invitations,
the monthly report, the daily KPI facts."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from anlaufstelle.core.scheduling import PeriodicJob, each_tenant, register_periodic
from anlaufstelle.core.tenancy import all_tenants, tenant_context


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


@task()
def refresh_kpi_facts() -> int:
    """Store the daily KPI facts of past days that have none or whose data changed since."""
    from .kpis.facts import facts_refresh

    return sum(each_tenant(facts_refresh))


@task()
def generate_monthly_reports() -> int:
    """The report of the month just ended, for each tenant that has none yet. Runs daily (the
    scheduler knows no monthly jobs): on the 1st it makes the report, on later days it catches
    up a missed run and otherwise finds nothing to do."""
    from .reports import monthly_report_generate_due

    return sum(each_tenant(monthly_report_generate_due))


@task()
def generate_monthly_report(*, tenant_id: int, month: str, actor_id: int | None = None) -> int:
    """The report of one tenant's month (``YYYY-MM-01``), made or replaced when a lead asks for it."""
    from anlaufstelle.core.models import Tenant, User

    from .reports import monthly_report_generate

    with all_tenants():
        tenant = Tenant.objects.get(pk=tenant_id)
    with tenant_context(tenant):
        actor = User.objects.filter(pk=actor_id).first() if actor_id else None
        return monthly_report_generate(month=dt.date.fromisoformat(month), actor=actor).pk


for name, at in (
    ("record_lead_times", dt.time(6, 0)),
    ("check_thresholds", dt.time(6, 30)),
    # After the night's lead-time snapshot, before the office opens.
    ("generate_monthly_reports", dt.time(7, 0)),
    ("send_feedback_invitations", dt.time(9, 0)),
):
    register_periodic(PeriodicJob(f"controlling.{name}", f"anlaufstelle.controlling.tasks.{name}", daily_at=at))
register_periodic(
    PeriodicJob(
        "controlling.refresh_kpi_facts",
        "anlaufstelle.controlling.tasks.refresh_kpi_facts",
        every=dt.timedelta(minutes=15),
    )
)
