"""Periodic jobs on top of the task layer: the scheduler enqueues, the worker runs.

Each job has a due time (every N minutes, or daily at a Berlin wall-clock time). A tick
inserts one ScheduledRun row per job and due time before it enqueues; the unique key makes
a second scheduler (or a restart) skip what was already enqueued. A due time that passed
while no scheduler ran is caught up once at the next tick.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun, Tenant
from .tenancy import all_tenants, tenant_context

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task_path: str  # "module.attribute" of a django-tasks Task
    every: dt.timedelta | None = None
    daily_at: dt.time | None = None

    def last_due(self, now: dt.datetime) -> dt.datetime:
        """The latest due time at or before ``now`` (aware, UTC)."""
        if self.every is not None:
            step = int(self.every.total_seconds())
            return dt.datetime.fromtimestamp(int(now.timestamp()) // step * step, tz=dt.UTC)
        assert self.daily_at is not None
        # Compare in UTC: two datetimes with the same tzinfo compare by wall clock alone, which
        # is wrong in the hour that repeats in October. A time that does not exist (02:30 when
        # the clocks go forward) is read with the offset before the change: 03:30 summer time.
        today = now.astimezone(BERLIN).date()
        due = dt.datetime.combine(today, self.daily_at, tzinfo=BERLIN).astimezone(dt.UTC)
        if due > now:
            due = dt.datetime.combine(today - dt.timedelta(days=1), self.daily_at, tzinfo=BERLIN).astimezone(dt.UTC)
        return due


_JOBS: dict[str, PeriodicJob] = {}


def each_tenant(work: Callable[[], Any]) -> list[Any]:
    """Run ``work`` once inside each active tenant's context (what a periodic job does); its results."""
    with all_tenants():
        tenants = list(Tenant.objects.filter(is_active=True))
    results = []
    for tenant in tenants:
        with tenant_context(tenant):
            results.append(work())
    return results


def register_periodic(job: PeriodicJob) -> PeriodicJob:
    if job.name in _JOBS and _JOBS[job.name] != job:
        raise ValueError(f"Another periodic job is already called {job.name!r}.")
    if (job.every is None) == (job.daily_at is None):
        raise ValueError("A periodic job runs either every N or daily at a time, not both or neither.")
    _JOBS[job.name] = job
    return job


def periodic_jobs() -> list[PeriodicJob]:
    from django.apps import apps

    for config in apps.get_app_configs():  # every app's tasks module registers its jobs
        if config.name.startswith("anlaufstelle."):
            try:
                __import__(f"{config.name}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.tasks":
                    raise
    return sorted(_JOBS.values(), key=lambda job: job.name)


def scheduler_tick(*, now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job whose due time has come and was not enqueued yet; returns their names."""
    from django.utils.module_loading import import_string

    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        due = job.last_due(now)
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, due_at=due)
                transaction.on_commit(import_string(job.task_path).enqueue)
        except IntegrityError:
            continue
        enqueued.append(job.name)
    ScheduledRun.objects.filter(due_at__lt=now - dt.timedelta(days=30)).delete()
    return enqueued
