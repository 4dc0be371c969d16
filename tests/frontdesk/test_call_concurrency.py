"""Two caseworkers press "call next" at the same moment: they never get the same person.

Shown on PostgreSQL with real concurrent transactions. Both callers read the queue, wait for
each other, then claim. First with every protection off (no row lock, an unconditional update,
the unique key ``one_counter_per_ticket`` dropped): both call the same person. Then with the
service as it is: two different people. Then with only the unique key left: the database alone
still refuses the second holder, and that caller moves on to the next person.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from django.db import connection, connections, transaction
from django.db.models import F

from anlaufstelle.core.tenancy import tenant_context
from anlaufstelle.frontdesk.models import CounterSession, EventKind, Ticket, TicketEvent, TicketStatus
from anlaufstelle.frontdesk.selectors import callable_tickets
from anlaufstelle.frontdesk.services import counter as counter_module
from anlaufstelle.frontdesk.services import counter_sign_in, ticket_call_next, ticket_issue

from .conftest import at

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
CONSTRAINT = "one_counter_per_ticket"


@pytest.fixture
def two_counters(office, tenant):  # type: ignore[no-untyped-def]
    for minute in (0, 1):
        ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(8, minute))
    stations = []
    for counter, staff in zip(office.counters[:2], office.employment_staff, strict=True):
        counter_sign_in(counter=counter, staff=staff, now=at(7, 55))
        stations.append((counter, staff))
    return {"tenant": tenant, "stations": stations}


@pytest.fixture
def without_unique_key() -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {CONSTRAINT}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE frontdesk_countersession SET current_ticket_id = NULL")
            cursor.execute(
                f"CREATE UNIQUE INDEX {CONSTRAINT} ON frontdesk_countersession (current_ticket_id) "
                "WHERE current_ticket_id IS NOT NULL"
            )


def naive_candidates(*, session, now, tried):  # type: ignore[no-untyped-def]
    """What the queue read would be without a row lock."""
    queryset = callable_tickets(counter=session.counter, staff=session.staff, now=now).exclude(pk__in=tried)
    return list(queryset.values_list("pk", flat=True)[:1])


def naive_claim(*, ticket_id, session, now) -> bool:  # type: ignore[no-untyped-def]
    """What the claim would be without the condition on the ticket's status."""
    try:
        with transaction.atomic():
            Ticket.objects.filter(pk=ticket_id).update(
                status=TicketStatus.CALLED,
                counter_id=session.counter_id,
                staff_id=session.staff_id,
                calls=F("calls") + 1,
                called_at=now,
            )
            CounterSession.objects.filter(pk=session.pk).update(current_ticket_id=ticket_id)
    except Exception:  # the unique key, where it exists
        return False
    session.current_ticket_id = ticket_id
    return True


def race(setup, monkeypatch, *, candidates=None, claim=None) -> list[str]:  # type: ignore[no-untyped-def]
    """Both callers read their candidate, wait for each other, then claim."""
    barrier = threading.Barrier(2, timeout=10)
    read = candidates or counter_module._candidates
    first_read = threading.local()

    def read_then_wait(**kwargs):  # type: ignore[no-untyped-def]
        result = read(**kwargs)
        if not getattr(first_read, "done", False):
            first_read.done = True
            barrier.wait()  # both have read the queue before either claims
        return result

    monkeypatch.setattr(counter_module, "_candidates", read_then_wait)
    if claim is not None:
        monkeypatch.setattr(counter_module, "_claim", claim)
    outcomes: list[str] = []

    def attempt(counter, staff) -> None:  # type: ignore[no-untyped-def]
        try:
            with tenant_context(setup["tenant"]):
                ticket = ticket_call_next(counter=counter, actor=staff, now=at(8, 10))
            outcomes.append(ticket.label if ticket else "nobody")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=station) for station in setup["stations"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_without_any_protection_two_counters_call_the_same_person(
    two_counters, without_unique_key, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert race(two_counters, monkeypatch, candidates=naive_candidates, claim=naive_claim) == ["A001", "A001"]
    assert TicketEvent.objects.filter(kind=EventKind.CALLED, ticket__number=1).count() == 2
    assert CounterSession.objects.filter(current_ticket__number=1).count() == 2  # the wrong state itself


def test_with_the_protection_two_counters_call_two_different_people(two_counters, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert race(two_counters, monkeypatch) == ["A001", "A002"]
    assert TicketEvent.objects.filter(kind=EventKind.CALLED).count() == 2
    assert set(CounterSession.objects.values_list("current_ticket__number", flat=True)) == {1, 2}


def test_the_unique_key_alone_still_refuses_the_second_holder(two_counters, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert race(two_counters, monkeypatch, candidates=naive_candidates, claim=naive_claim) == ["A001", "A002"]
    assert set(CounterSession.objects.values_list("current_ticket__number", flat=True)) == {1, 2}
    assert TicketEvent.objects.filter(kind=EventKind.CALLED).count() == 2
