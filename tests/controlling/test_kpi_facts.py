"""Daily KPI facts: stored facts give the figures the raw rows give, and a write to a stored day
is seen at once, whichever code makes it (the database triggers mark the day)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.models import F

from anlaufstelle.appointments.models import Booking, BookingStatus
from anlaufstelle.controlling.kpis import Scope, facts, kpis_compute
from anlaufstelle.controlling.models import BookingFact, KpiDay, QueueFact
from anlaufstelle.core.demo import DemoContext
from anlaufstelle.core.models import Tenant
from anlaufstelle.core.tenancy import tenant_context
from anlaufstelle.frontdesk.models import Ticket, TicketEvent

from .helpers import berlin

pytestmark = pytest.mark.django_db

DEMO_TODAY = dt.date(2026, 11, 4)  # the history covers the clock change of 25 October
NOW = dt.datetime.combine(DEMO_TODAY, dt.time(12), tzinfo=dt.UTC)


@pytest.fixture
def musterstadt(city: DemoContext) -> Iterator[Tenant]:
    tenant = Tenant.objects.get(slug="musterstadt")
    with tenant_context(tenant):
        yield tenant


def _scopes(tenant: Tenant) -> list[Scope]:
    section = Booking.objects.values_list("service__section_id", flat=True).first()
    service, location = Booking.objects.values_list("service_id", "location_id").first()  # type: ignore[misc]
    whole = Scope(DEMO_TODAY - dt.timedelta(days=91), DEMO_TODAY)
    october = Scope(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    return [
        whole,
        october,
        Scope(dt.date(2026, 10, 25), dt.date(2026, 10, 25)),  # 25 hours
        Scope(october.first, october.last, section_id=section),
        Scope(october.first, october.last, service_id=service),
        Scope(october.first, october.last, location_id=location),
        Scope(DEMO_TODAY, DEMO_TODAY + dt.timedelta(days=30)),  # today and the future: always live
    ]


def _same(stored: Any, live: Any) -> None:
    assert stored.figures == pytest.approx(live.figures, nan_ok=True)
    for name, table in live.tables.items():
        assert len(stored.tables[name]) == len(table), name
        for mine, theirs in zip(stored.tables[name], table, strict=True):
            assert mine == pytest.approx(theirs), name


def _last_attended() -> tuple[Booking, dt.date]:
    """The last attended appointment before the demo's today, and its day (stored in the facts)."""
    booking = (
        Booking.objects.filter(status=BookingStatus.ATTENDED, starts_at__lt=berlin(DEMO_TODAY, 0))
        .order_by("starts_at")
        .last()
    )
    assert booking is not None
    return booking, booking.starts_at.astimezone(facts.BERLIN).date()


def test_the_demo_stores_the_facts_of_every_past_day(musterstadt: Tenant) -> None:
    days = KpiDay.objects.filter(day__lt=DEMO_TODAY)
    assert days.count() > 90
    assert not days.exclude(built=F("version")).exists()
    assert not KpiDay.objects.filter(day__gte=DEMO_TODAY).exists()
    assert QueueFact.objects.count() > 500
    assert BookingFact.objects.count() > 500


def test_stored_facts_give_the_figures_the_raw_rows_give(musterstadt: Tenant) -> None:
    scopes = _scopes(musterstadt)
    stored = [kpis_compute(scope=scope, now=NOW) for scope in scopes]
    # days changed here and there since the refresh: built from the raw rows in one pass
    every_fifth = [day for index, day in enumerate(KpiDay.objects.values_list("day", flat=True)) if index % 5 == 0]
    KpiDay.objects.filter(day__in=every_fifth).update(built=None)
    for scope, result in zip(scopes, stored, strict=True):
        _same(result, kpis_compute(scope=scope, now=NOW))
    KpiDay.objects.update(built=None)  # every day is computed from the raw rows
    for scope, result in zip(scopes, stored, strict=True):
        _same(result, kpis_compute(scope=scope, now=NOW))
    assert stored[0].figures["bookings"] > 1000
    assert stored[0].figures["tickets"] > 1000


def test_a_changed_booking_is_counted_at_once_and_its_day_built_again(musterstadt: Tenant) -> None:
    booking, day = _last_attended()
    scope = Scope(day, day)
    before = kpis_compute(scope=scope, now=NOW).figures
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.NO_SHOW)  # no save(), no signal
    assert KpiDay.objects.get(day=day).built != KpiDay.objects.get(day=day).version
    after = kpis_compute(scope=scope, now=NOW).figures
    assert after["appointments_held"] == before["appointments_held"]
    assert after["no_show_rate"] > before["no_show_rate"]  # type: ignore[operator]

    rebuilt = facts.facts_refresh(today=DEMO_TODAY)
    assert 1 <= rebuilt <= 6  # its day (SQLite marks both days an instant may fall on), made and start day
    assert not KpiDay.objects.exclude(built=F("version")).exists()
    assert kpis_compute(scope=scope, now=NOW).figures == pytest.approx(after, nan_ok=True)


def test_a_new_queue_event_marks_the_day_of_its_ticket(musterstadt: Tenant) -> None:
    ticket = Ticket.objects.filter(day__lt=DEMO_TODAY).order_by("day").last()
    assert ticket is not None
    version = KpiDay.objects.get(day=ticket.day).version
    TicketEvent.objects.create(
        ticket=ticket, kind="no_show", at=berlin(ticket.day, 18), location=ticket.location, section=ticket.section
    )
    assert KpiDay.objects.get(day=ticket.day).version == version + 1


def test_a_write_while_the_facts_are_built_leaves_the_day_due(
    musterstadt: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    booking, day = _last_attended()
    KpiDay.objects.filter(day=day).update(built=None)
    build = facts.facts_build

    def build_while_a_caseworker_writes(scope: Scope) -> facts.Facts:
        result = build(scope)
        Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.NO_SHOW)
        return result

    monkeypatch.setattr(facts, "facts_build", build_while_a_caseworker_writes)
    assert facts.facts_refresh(today=DEMO_TODAY) == 1
    stale = KpiDay.objects.get(day=day)
    assert stale.built is not None
    assert stale.built < stale.version  # built from the data before the write
    monkeypatch.undo()
    assert facts.facts_refresh(today=DEMO_TODAY) >= 1
    assert not KpiDay.objects.exclude(built=F("version")).exists()


def test_the_triggers_are_in_place_after_every_migration(db: None) -> None:
    # SQLite drops a table's triggers when a migration rebuilds the table: this test notices.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'kpi_day_%'")
            expected = {
                "kpi_day_booking_insert",
                "kpi_day_booking_update",
                "kpi_day_booking_delete",
                "kpi_day_ticket_update",
                "kpi_day_ticket_delete",
                "kpi_day_ticket_event_insert",
                "kpi_day_ticket_event_delete",
            }
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'kpi_day_%'")
            expected = {
                "kpi_day_booking_write",
                "kpi_day_booking_update",
                "kpi_day_ticket_update",
                "kpi_day_ticket_delete",
                "kpi_day_ticket_event_write",
            }
        assert {name for (name,) in cursor.fetchall()} == expected
