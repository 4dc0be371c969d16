"""Periodic jobs: when each is due (also on the days the clocks change in Berlin), and that the
scheduler enqueues every due time once, however many ticks or schedulers see it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django_tasks.backends.dummy import DummyBackend
from pytest_django import DjangoCaptureOnCommitCallbacks

from anlaufstelle.core import scheduling
from anlaufstelle.core.models import ScheduledRun
from anlaufstelle.core.scheduling import PeriodicJob, periodic_jobs, register_periodic, scheduler_tick
from anlaufstelle.core.tasks import deliver_outbox, purge_audit_log

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC

EVERY_FIVE_MINUTES = PeriodicJob(
    "test.every_five_minutes", "anlaufstelle.core.tasks.deliver_outbox", every=dt.timedelta(minutes=5)
)
NIGHTLY = PeriodicJob("test.nightly", "anlaufstelle.core.tasks.purge_audit_log", daily_at=dt.time(3, 0))


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, micro: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


def berlin(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, *, fold: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=BERLIN, fold=fold)


def daily(hour: int, minute: int = 0) -> PeriodicJob:
    return PeriodicJob(
        f"test.daily_{hour:02}{minute:02}", "anlaufstelle.core.tasks.purge_audit_log", daily_at=dt.time(hour, minute)
    )


# --- When a job is due -------------------------------------------------------------------


def test_an_every_n_job_is_due_at_the_last_multiple_of_its_interval() -> None:
    assert EVERY_FIVE_MINUTES.last_due(utc(2026, 6, 15, 10, 7, 30)) == utc(2026, 6, 15, 10, 5)
    assert EVERY_FIVE_MINUTES.last_due(utc(2026, 6, 15, 10, 5)) == utc(2026, 6, 15, 10, 5)
    assert EVERY_FIVE_MINUTES.last_due(utc(2026, 6, 15, 10, 4, 59, 999999)) == utc(2026, 6, 15, 10, 0)


def test_an_every_n_job_ignores_the_clock_change() -> None:
    # 01:55 CET is followed five real minutes later by 03:00 CEST (01:00 UTC).
    assert EVERY_FIVE_MINUTES.last_due(berlin(2026, 3, 29, 1, 59)) == berlin(2026, 3, 29, 1, 55).astimezone(UTC)
    assert EVERY_FIVE_MINUTES.last_due(berlin(2026, 3, 29, 3, 2)) == utc(2026, 3, 29, 1, 0)


def test_a_daily_job_is_due_at_its_berlin_wall_clock_time_in_summer_and_winter() -> None:
    assert NIGHTLY.last_due(utc(2026, 7, 1, 0, 59)) == utc(2026, 6, 30, 1, 0)  # 02:59 CEST
    assert NIGHTLY.last_due(utc(2026, 7, 1, 1, 0)) == utc(2026, 7, 1, 1, 0)  # 03:00 CEST
    assert NIGHTLY.last_due(utc(2026, 1, 15, 1, 59)) == utc(2026, 1, 14, 2, 0)  # 02:59 CET
    assert NIGHTLY.last_due(utc(2026, 1, 15, 2, 0)) == utc(2026, 1, 15, 2, 0)  # 03:00 CET


def test_a_daily_0300_job_on_the_day_the_clocks_go_forward_is_due_at_0300_summer_time() -> None:
    # 2026-03-29: 02:00 CET becomes 03:00 CEST (= 01:00 UTC).
    assert NIGHTLY.last_due(berlin(2026, 3, 29, 1, 59, 59)) == berlin(2026, 3, 28, 3, 0).astimezone(UTC)
    assert NIGHTLY.last_due(berlin(2026, 3, 29, 3, 0)) == utc(2026, 3, 29, 1, 0)
    assert NIGHTLY.last_due(berlin(2026, 3, 30, 2, 59)) == utc(2026, 3, 29, 1, 0)


def test_a_daily_0300_job_on_the_day_the_clocks_go_back_is_due_once_at_0300_winter_time() -> None:
    # 2026-10-25: 03:00 CEST becomes 02:00 CET, 02:00-02:59 happens twice; 03:00 CET = 02:00 UTC.
    yesterday = berlin(2026, 10, 24, 3, 0).astimezone(UTC)
    assert NIGHTLY.last_due(berlin(2026, 10, 25, 2, 59, fold=0)) == yesterday  # first 02:59 (CEST)
    assert NIGHTLY.last_due(berlin(2026, 10, 25, 2, 59, fold=1)) == yesterday  # second 02:59 (CET)
    assert NIGHTLY.last_due(berlin(2026, 10, 25, 3, 0)) == utc(2026, 10, 25, 2, 0)


def test_a_daily_job_in_the_repeated_hour_is_due_at_its_first_occurrence() -> None:
    job = daily(2, 30)
    first = utc(2026, 10, 25, 0, 30)  # 02:30 CEST

    assert job.last_due(utc(2026, 10, 25, 0, 29)) == utc(2026, 10, 24, 0, 30)
    assert job.last_due(utc(2026, 10, 25, 0, 30)) == first
    assert job.last_due(utc(2026, 10, 25, 1, 0)) == first  # 02:00 CET, the hour again
    assert job.last_due(utc(2026, 10, 25, 1, 30)) == first  # 02:30 CET: not a second time


def test_a_daily_job_in_the_skipped_hour_is_due_once_the_clocks_have_gone_forward() -> None:
    # 02:30 does not exist on 2026-03-29; read with the offset before the change (as Python
    # and most calendars do) it is 03:30 CEST.
    job = daily(2, 30)

    assert job.last_due(utc(2026, 3, 29, 1, 0)) == utc(2026, 3, 28, 1, 30)  # 03:00 CEST: not yet
    assert job.last_due(utc(2026, 3, 29, 1, 30)) == utc(2026, 3, 29, 1, 30)  # 03:30 CEST


@pytest.mark.parametrize("change_day", [dt.date(2026, 3, 29), dt.date(2026, 10, 25)], ids=["spring", "autumn"])
@pytest.mark.parametrize(
    "at", [(0, 0), (1, 30), (2, 0), (2, 30), (2, 59), (3, 0), (3, 30), (23, 59)], ids=lambda t: f"{t[0]:02}:{t[1]:02}"
)
def test_around_a_clock_change_a_daily_job_is_due_once_a_day_and_never_ahead_of_time(
    change_day: dt.date, at: tuple[int, int]
) -> None:
    job = daily(*at)
    start = dt.datetime.combine(change_day - dt.timedelta(days=1), dt.time(0, 0), tzinfo=BERLIN).astimezone(UTC)
    minutes = [start + dt.timedelta(minutes=n) for n in range(3 * 24 * 60)]

    due_times = [job.last_due(now) for now in minutes]

    assert all(due <= now for due, now in zip(due_times, minutes, strict=True))
    assert due_times == sorted(due_times)  # never goes back
    days = [due.astimezone(BERLIN).date() for due in sorted(set(due_times))]
    assert len(days) == len(set(days))  # one due time per Berlin day


# --- The scheduler -----------------------------------------------------------------------


@pytest.fixture
def jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only this file's jobs are registered (apps' real jobs are checked separately)."""
    scheduling.periodic_jobs()  # import every app's tasks now, so none registers into the empty set
    monkeypatch.setattr(scheduling, "_JOBS", {})
    register_periodic(EVERY_FIVE_MINUTES)
    register_periodic(NIGHTLY)


Tick = Callable[[dt.datetime], list[str]]


@pytest.fixture
def tick(
    db: None, jobs: None, queued_tasks: DummyBackend, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> Tick:
    """``tick(now)``: one scheduler tick that commits; returns the names of the enqueued tasks."""

    def run(now: dt.datetime) -> list[str]:
        before = len(queued_tasks.results)
        with django_capture_on_commit_callbacks(execute=True):
            scheduler_tick(now=now)
        return [result.task.name for result in queued_tasks.results[before:]]

    return run


def test_the_core_jobs_are_registered() -> None:
    by_name = {job.name: job for job in periodic_jobs()}

    assert by_name["core.deliver_outbox"].every == dt.timedelta(minutes=1)
    assert by_name["core.purge_audit_log"].daily_at == dt.time(3, 0)


def test_a_tick_enqueues_each_due_job_once(tick: Tick) -> None:
    now = utc(2026, 6, 15, 1, 2)  # 03:02 CEST

    assert tick(now) == [deliver_outbox.name, purge_audit_log.name]
    assert set(ScheduledRun.objects.values_list("job", "due_at")) == {
        ("test.every_five_minutes", utc(2026, 6, 15, 1, 0)),
        ("test.nightly", utc(2026, 6, 15, 1, 0)),
    }


def test_the_task_is_enqueued_only_when_the_tick_commits(
    db: None, jobs: None, queued_tasks: DummyBackend, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueued = scheduler_tick(now=utc(2026, 6, 15, 1, 2))

    assert sorted(enqueued) == ["test.every_five_minutes", "test.nightly"]
    assert queued_tasks.results == []
    assert len(callbacks) == 2


def test_a_second_tick_or_second_scheduler_at_the_same_time_enqueues_nothing(tick: Tick) -> None:
    now = utc(2026, 6, 15, 1, 2)
    tick(now)

    assert tick(now) == []
    assert tick(now + dt.timedelta(minutes=2)) == []  # same due times, later tick
    assert scheduler_tick(now=now) == []


def test_a_tick_after_the_next_due_time_enqueues_again(tick: Tick) -> None:
    tick(utc(2026, 6, 15, 1, 2))

    assert tick(utc(2026, 6, 15, 1, 5)) == [deliver_outbox.name]
    assert tick(utc(2026, 6, 16, 1, 0)) == [deliver_outbox.name, purge_audit_log.name]


def test_due_times_missed_while_no_scheduler_ran_are_caught_up_once(tick: Tick) -> None:
    tick(utc(2026, 6, 15, 1, 2))

    # Down for three days: one run of each job, not one per missed due time.
    assert tick(utc(2026, 6, 18, 12, 0)) == [deliver_outbox.name, purge_audit_log.name]
    assert ScheduledRun.objects.filter(job="test.nightly").count() == 2


def test_a_nightly_job_runs_once_through_the_night_the_clocks_go_back(tick: Tick) -> None:
    scheduling._JOBS.clear()
    register_periodic(daily(2, 30))
    # The scheduler comes back at 02:45 CEST, between the two 02:30s, and ticks every minute.
    start = berlin(2026, 10, 25, 2, 45, fold=0).astimezone(UTC)

    enqueued = [name for n in range(3 * 60) for name in tick(start + dt.timedelta(minutes=n))]

    assert enqueued == [purge_audit_log.name]


def test_a_nightly_job_runs_once_through_the_night_the_clocks_go_forward(tick: Tick) -> None:
    scheduling._JOBS.clear()
    register_periodic(daily(2, 30))
    register_periodic(NIGHTLY)
    start = berlin(2026, 3, 29, 0, 0).astimezone(UTC)
    tick(start)  # catches up on the runs of the 28th
    by_minute = {}

    for n in range(1, 6 * 60):
        now = start + dt.timedelta(minutes=n)
        if names := tick(now):
            by_minute[now.astimezone(BERLIN).strftime("%H:%M")] = names

    assert by_minute == {"03:00": [purge_audit_log.name], "03:30": [purge_audit_log.name]}


def test_runs_older_than_thirty_days_are_forgotten(tick: Tick) -> None:
    tick(utc(2026, 6, 1, 1, 2))
    tick(utc(2026, 7, 1, 1, 2))

    assert set(ScheduledRun.objects.values_list("due_at", flat=True)) == {utc(2026, 7, 1, 1, 0)}
