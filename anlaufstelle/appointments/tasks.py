"""Background work of appointments, run by the task worker; each job works tenant by tenant."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from anlaufstelle.core.scheduling import PeriodicJob, each_tenant, register_periodic


@task()
def release_expired_holds() -> int:
    """Unconfirmed reservations and unanswered offers run out."""
    from .services import holds_expire_due

    return sum(each_tenant(holds_expire_due))


@task()
def offer_freed_slots() -> int:
    """Cancelled time goes to the waiting list first, then back to the public after the embargo."""
    from .services import freed_slots_offer

    return sum(offers for offers, _released in each_tenant(freed_slots_offer))


@task()
def release_emergency_capacity() -> int:
    """Today's emergency share becomes bookable at each location's release time (e.g. 07:00)."""
    from .services import emergency_release_due

    return sum(each_tenant(emergency_release_due))


@task()
def hold_emergency_capacity() -> int:
    """Hold back the emergency share of the days ahead (also after availability changed)."""
    from .services import emergency_hold_horizon

    return sum(each_tenant(emergency_hold_horizon))


@task()
def send_reminders() -> int:
    from .services import reminders_send_due

    return sum(each_tenant(reminders_send_due))


for name, every in (
    ("release_expired_holds", dt.timedelta(minutes=1)),
    ("offer_freed_slots", dt.timedelta(minutes=1)),
    ("release_emergency_capacity", dt.timedelta(minutes=1)),
    ("hold_emergency_capacity", dt.timedelta(hours=1)),
    ("send_reminders", dt.timedelta(minutes=5)),
):
    register_periodic(PeriodicJob(f"appointments.{name}", f"anlaufstelle.appointments.tasks.{name}", every=every))


@task()
def run_allocation() -> int:
    """The daily fair allocation for services booked on request; returns the offers made."""
    from .services import allocation_run

    return sum(run.offers_made for run in each_tenant(allocation_run))


def _allocation_time() -> dt.time:
    from django.conf import settings

    return dt.time.fromisoformat(settings.APPOINTMENTS_ALLOCATION_TIME)


register_periodic(
    PeriodicJob(
        "appointments.run_allocation", "anlaufstelle.appointments.tasks.run_allocation", daily_at=_allocation_time()
    )
)
