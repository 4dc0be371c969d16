"""Two desks act on the same thing at the same moment: one booking is checked in once, and the
last walk-in ticket of the day goes to one person only.

Shown on PostgreSQL with real concurrent transactions: both desks pass their checks, wait for
each other, then write. First without the protection (the unique key from ticket to booking
dropped; the lock on the service's desk rule made a no-op), where both get a ticket; then with
it, where one desk gets a clear refusal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from anlaufstelle.core.tenancy import tenant_context
from anlaufstelle.frontdesk.models import Ticket
from anlaufstelle.frontdesk.services import AlreadyCheckedIn, TicketRefused, ticket_check_in, ticket_issue
from anlaufstelle.frontdesk.services import tickets as tickets_module

from ..factories import ServiceDeskRuleFactory
from .conftest import at

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def together(tenant, attempt: Callable[[], object], pause_after: str, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Run ``attempt`` in two threads that meet after ``pause_after`` (a function of the service)
    has run in both, so that both have passed their checks before either writes."""
    barrier = threading.Barrier(2, timeout=10)
    real = getattr(tickets_module, pause_after)

    def then_wait(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs)
        barrier.wait()
        return result

    monkeypatch.setattr(tickets_module, pause_after, then_wait)
    outcomes: list[str] = []

    def run() -> None:
        try:
            with tenant_context(tenant):
                attempt()
            outcomes.append("done")
        except (AlreadyCheckedIn, TicketRefused) as refusal:
            outcomes.append(type(refusal).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def _unique_constraint_of_booking() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'frontdesk_ticket'::regclass AND contype = 'u' "
            "AND conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = 'frontdesk_ticket'::regclass "
            "AND attname = 'booking_id')]"
        )
        return str(cursor.fetchone()[0])


def test_without_the_unique_key_two_desks_check_one_booking_in_twice(office, tenant, booking, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    name = _unique_constraint_of_booking()
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE frontdesk_ticket DROP CONSTRAINT {name}")
    try:

        def check_in() -> None:
            ticket_check_in(booking=booking, location=office.location, actor=office.desk, now=at(9, 50))

        assert together(tenant, check_in, "_check_booking", monkeypatch) == ["done", "done"]
        assert Ticket.objects.filter(booking=booking).count() == 2
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM frontdesk_ticketevent")
            cursor.execute("DELETE FROM frontdesk_ticket")
            cursor.execute(f"ALTER TABLE frontdesk_ticket ADD CONSTRAINT {name} UNIQUE (booking_id)")


def test_two_desks_checking_in_one_booking_make_one_ticket(office, tenant, booking, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def check_in() -> None:
        ticket_check_in(booking=booking, location=office.location, actor=office.desk, now=at(9, 50))

    assert together(tenant, check_in, "_check_booking", monkeypatch) == ["AlreadyCheckedIn", "done"]
    assert Ticket.objects.filter(booking=booking).count() == 1


def test_without_the_lock_two_desks_both_issue_the_last_ticket_of_the_day(office, tenant, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ServiceDeskRuleFactory(service=office.permit, walk_in=True, max_tickets_per_day=1)
    monkeypatch.setattr(tickets_module, "lock", lambda queryset: queryset)

    def issue() -> None:
        ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(9))

    assert together(tenant, issue, "walk_in_allowed", monkeypatch) == ["done", "done"]
    assert Ticket.objects.filter(service=office.permit, booking__isnull=True).count() == 2


def test_two_desks_issuing_the_last_ticket_of_the_day_give_it_to_one_person(office, tenant, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ServiceDeskRuleFactory(service=office.permit, walk_in=True, max_tickets_per_day=1)

    def issue() -> None:
        ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(9))

    assert together(tenant, issue, "walk_in_allowed", monkeypatch) == ["TicketRefused", "done"]
    assert Ticket.objects.filter(service=office.permit, booking__isnull=True).count() == 1
