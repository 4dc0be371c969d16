"""A commit that queues mail wakes the delivery worker; commits close together share one wake-up,
planned after all of them, so a rush of bookings enqueues one delivery task, not one each."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from django_tasks.backends.dummy import DummyBackend
from pytest_django import Settings

from anlaufstelle.core.models import OutboxMessage, Tenant
from anlaufstelle.core.services import mail_queue, outbox_deliver_due
from anlaufstelle.core.tasks import deliver_outbox

from ..smtp import LocalSMTPServer

pytestmark = pytest.mark.django_db(transaction=True)  # the wake-up follows real commits


@pytest.fixture(autouse=True)
def wake_window(settings: Settings) -> None:
    settings.OUTBOX_WAKE_SECONDS = 1


def commit_a_mail(n: int = 0) -> OutboxMessage:
    with transaction.atomic():
        return mail_queue(to=[f"person{n}@example.org"], subject="Termin", body_text="Ihr Termin.", topic="test")


def wake_ups(queued_tasks: DummyBackend) -> list[dt.datetime | None]:
    return [r.task.run_after for r in queued_tasks.results if r.task.module_path == deliver_outbox.module_path]


def test_commits_close_together_share_one_delivery_run_planned_after_all_of_them(
    tenant: Tenant,
    queued_tasks: DummyBackend,
    smtp_server: LocalSMTPServer,
) -> None:
    messages = [commit_a_mail(n) for n in range(5)]
    last_commit = timezone.now()

    (planned,) = wake_ups(queued_tasks)
    assert planned is not None
    assert planned > last_commit
    assert planned <= last_commit + dt.timedelta(seconds=2)
    # the run, when it comes, sends every one of them
    assert sorted(outbox_deliver_due(now=planned).sent) == sorted(m.pk for m in messages)


def test_a_commit_after_the_moment_plans_a_run_of_its_own(tenant: Tenant, queued_tasks: DummyBackend) -> None:
    commit_a_mail()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=1.5)):
        commit_a_mail(1)

    first, second = wake_ups(queued_tasks)
    assert first is not None
    assert second is not None
    assert second > first


def test_without_a_window_every_commit_wakes_the_worker_at_once(
    tenant: Tenant,
    settings: Settings,
    queued_tasks: DummyBackend,
) -> None:
    settings.OUTBOX_WAKE_SECONDS = 0

    for n in range(3):
        commit_a_mail(n)

    assert wake_ups(queued_tasks) == [None, None, None]
