"""Several delivery workers at once (the periodic sweep, the task after each commit, more
than one worker process) still send every message exactly once."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from django.core.mail.backends.smtp import EmailBackend
from django.db import connection, connections
from django.utils import timezone
from pytest_django import Settings

from anlaufstelle.core.models import OutboxMessage, OutboxStatus, Tenant
from anlaufstelle.core.services import OutboxReport, outbox_deliver_due
from anlaufstelle.core.services.outbox import _claim
from anlaufstelle.core.tenancy import all_tenants

from ..factories import OutboxMessageFactory
from ..smtp import LocalSMTPServer

MESSAGES = 20
T = TypeVar("T")


@pytest.fixture
def due_messages(transactional_db: None, tenant: Tenant) -> list[OutboxMessage]:
    """20 messages, due now, committed (the workers run in threads with their own connections)."""
    return OutboxMessageFactory.create_batch(MESSAGES, next_attempt_at=timezone.now() - dt.timedelta(seconds=1))


def run_workers(count: int, work: Callable[[], T]) -> list[T]:
    """Run ``work`` in ``count`` threads released at the same moment; re-raise their errors."""
    start = threading.Barrier(count, timeout=10)

    def worker() -> T:
        try:
            start.wait()
            return work()
        finally:
            connections.close_all()  # this thread's connections only

    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(worker) for _ in range(count)]
        return [future.result(timeout=30) for future in futures]


def times_received(server: LocalSMTPServer) -> Counter[str]:
    return Counter(server.received_message_ids())


# Threads need their own connections to one database. Django's SQLite test database lives in
# memory with a shared cache, where a second writer's BEGIN IMMEDIATE fails at once ("database
# table is locked") instead of waiting for the lock as on a database file; so the threaded
# tests run on PostgreSQL only.


@pytest.mark.postgres
def test_two_workers_at_once_deliver_every_due_message_exactly_once(
    due_messages: list[OutboxMessage], smtp_server: LocalSMTPServer
) -> None:
    reports = run_workers(2, outbox_deliver_due)

    assert times_received(smtp_server) == Counter({m.message_id: 1 for m in due_messages})
    assert sorted(pk for r in reports for pk in r.sent) == sorted(m.pk for m in due_messages)
    with all_tenants():
        assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


# --- PostgreSQL: two claims at the same moment ----------------------------------------------
# Each worker is held right after its queries on the outbox table, until the other worker has
# run the same query: the claims overlap for certain instead of by chance.


def pause_after_outbox_queries(barrier: threading.Barrier, count: int) -> Callable[..., Any]:
    """An execute wrapper: after each of this worker's first ``count`` reads of the outbox,
    wait until the other worker has done the same read."""
    reads = 0

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal reads
        result = execute(sql, params, many, context)
        if reads < count and sql.startswith("SELECT") and 'FROM "core_outboxmessage"' in sql:
            reads += 1
            barrier.wait()
        return result

    return wrapper


def in_lockstep(work: Callable[[], Any], *, reads: int) -> Callable[[], Any]:
    barrier = threading.Barrier(2, timeout=10)

    def run() -> Any:
        with connection.execute_wrapper(pause_after_outbox_queries(barrier, reads)), all_tenants():
            return work()

    return run


def claim() -> list[int]:
    return [m.pk for m in _claim(now=timezone.now(), clock=timezone.now, limit=50)]


@pytest.mark.postgres
def test_without_skip_locked_two_workers_claim_the_same_messages(
    due_messages: list[OutboxMessage], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(type(connection.features), "has_select_for_update_skip_locked", False)

    first, second = run_workers(2, in_lockstep(claim, reads=1))

    assert first == second == [m.pk for m in due_messages]


@pytest.mark.postgres
def test_with_skip_locked_two_workers_claiming_at_once_never_claim_the_same_message(
    due_messages: list[OutboxMessage],
) -> None:
    assert connection.features.has_select_for_update_skip_locked

    first, second = run_workers(2, in_lockstep(claim, reads=1))

    assert set(first).isdisjoint(second)
    assert sorted(first + second) == sorted(m.pk for m in due_messages)


@pytest.mark.postgres
def test_even_two_overlapping_claims_send_each_message_once(
    due_messages: list[OutboxMessage], smtp_server: LocalSMTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without SKIP LOCKED both workers claim everything (see above), and both have read their
    # claim before either sends. A worker renews the lease it read right before each send; for
    # every message only one of the two can, so the messages are split, none is sent twice.
    monkeypatch.setattr(type(connection.features), "has_select_for_update_skip_locked", False)

    reports = run_workers(2, in_lockstep(outbox_deliver_due, reads=2))

    assert times_received(smtp_server) == Counter({m.message_id: 1 for m in due_messages})
    assert sorted(reports[0].sent + reports[1].sent) == sorted(m.pk for m in due_messages)


# --- A slow mail server: leases run out while a worker is still busy -------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = timezone.now()

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


class SlowServerBackend(EmailBackend):
    """The SMTP backend against the real test server, but every message "takes" 61 seconds;
    after the second message another worker runs (the periodic sweep, one minute later)."""

    clock: FakeClock
    other_worker_reports: list[OutboxReport]
    sends = 0

    def send_messages(self, email_messages: Any) -> int:
        sent = super().send_messages(email_messages)
        cls = SlowServerBackend
        cls.clock.advance(61)
        cls.sends += 1
        if cls.sends == 2:
            cls.other_worker_reports.append(outbox_deliver_due())
        return sent


@pytest.fixture
def slow_server(smtp_server: LocalSMTPServer, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock()
    monkeypatch.setattr(timezone, "now", clock)
    monkeypatch.setattr(SlowServerBackend, "clock", clock, raising=False)
    monkeypatch.setattr(SlowServerBackend, "other_worker_reports", [], raising=False)
    monkeypatch.setattr(SlowServerBackend, "sends", 0)
    settings.EMAIL_BACKEND = f"{__name__}.SlowServerBackend"
    settings.OUTBOX_LEASE_SECONDS = 120
    return clock


def test_a_message_whose_lease_ran_out_before_its_worker_reached_it_is_sent_only_by_the_worker_that_took_it_over(
    tenant: Tenant, smtp_server: LocalSMTPServer, slow_server: FakeClock
) -> None:
    messages = OutboxMessageFactory.create_batch(3, next_attempt_at=slow_server.now)

    first = outbox_deliver_due()

    (second,) = SlowServerBackend.other_worker_reports
    assert times_received(smtp_server) == Counter({m.message_id: 1 for m in messages})
    assert sorted(first.sent + second.sent) == sorted(m.pk for m in messages)
    with all_tenants():
        assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
