"""The demo city's front-desk history: the last full month before the day the demo is loaded
for has plausible waiting, service, estimate, walk-in and reachability figures, and the tickets
behind them follow the queue's rules.

The demo is loaded once for the module (for a fixed day, so the figures do not move with the
calendar; its last full month has the clock change of 29 March), inside a transaction rolled
back at the end; each test runs in a savepoint of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db.models import Count, F, Q
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from anlaufstelle.appointments.models import Booking, BookingStatus
from anlaufstelle.appointments.selectors import public_holidays
from anlaufstelle.controlling.kpis import BERLIN, KpiResult, Scope, berlin_midnight, kpis_compute
from anlaufstelle.core.demo import DEMO_PASSWORD, DemoContext
from anlaufstelle.core.models import Tenant
from anlaufstelle.core.tenancy import tenant_context
from anlaufstelle.frontdesk.models import (
    CallbackRequest,
    ContactMessage,
    EventKind,
    Ticket,
    TicketEvent,
    TicketStatus,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 4, 15)
DEMO_TODAY = TODAY  # the ``city`` fixture loads the demo as of this day
MARCH = Scope(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
MORNING, AFTERNOON = range(8, 11), range(13, 17)


@pytest.fixture
def musterstadt(city: DemoContext) -> Iterator[Tenant]:
    tenant = Tenant.objects.get(slug="musterstadt")
    with tenant_context(tenant):
        yield tenant


@pytest.fixture
def march(musterstadt: Tenant) -> KpiResult:
    return kpis_compute(scope=MARCH, now=dt.datetime.combine(TODAY, dt.time(11), tzinfo=BERLIN))


def test_waiting_and_service_times_of_the_last_full_month_are_plausible(march: KpiResult) -> None:
    figures = march.figures

    assert figures["tickets"] > 1500  # type: ignore[operator]
    assert 0.5 < figures["wait_median"] < 15  # type: ignore[operator]
    assert 15 < figures["wait_p90"] < 90  # type: ignore[operator]
    assert 10 < figures["service_median"] < 35  # type: ignore[operator]
    assert figures["service_median"] < figures["service_p90"] < 60  # type: ignore[operator]
    assert 1 < figures["estimate_error"] < 25  # type: ignore[operator]
    assert 0.5 < figures["queue_no_show_rate"] < 8  # type: ignore[operator]


def test_mornings_are_busier_than_afternoons(march: KpiResult) -> None:
    by_hour = {row["hour"]: row for row in march.tables["queue_by_hour"]}

    def mean(hours: range, key: str) -> float:
        return sum(by_hour[hour][key] for hour in hours) / len(hours)

    assert mean(MORNING, "tickets") > 2 * mean(AFTERNOON, "tickets")
    assert mean(MORNING, "wait_median") > mean(AFTERNOON, "wait_median")
    assert mean(MORNING, "wait_p90") > mean(AFTERNOON, "wait_p90")


def test_walk_ins_are_a_fair_share_of_the_visits(march: KpiResult) -> None:
    assert 8 < march.figures["share_walk_in"] < 35  # type: ignore[operator]
    assert 45 < march.figures["share_online"] < 90  # type: ignore[operator]


def test_most_callbacks_are_made_within_a_working_day_and_messages_answered_within_days(march: KpiResult) -> None:
    figures = march.figures

    assert figures["callbacks"] > 40  # type: ignore[operator]
    assert 65 < figures["callbacks_in_time"] < 97  # type: ignore[operator]
    assert 3 < figures["contact_answer_median"] < 72  # type: ignore[operator]
    assert figures["contact_answer_median"] < figures["contact_answer_p90"] < 240  # type: ignore[operator]
    assert 0 < figures["contact_open"] < 30  # type: ignore[operator]


def test_the_history_lies_on_working_days_and_follows_the_queue_rules(musterstadt: Tenant) -> None:
    past = Ticket.objects.filter(day__lt=TODAY)
    days = set(past.values_list("day", flat=True))
    closed = public_holidays(federal_state=musterstadt.federal_state, day_from=min(days), day_to=TODAY)
    events = TicketEvent.objects.filter(ticket__day__lt=TODAY)

    assert min(days) < MARCH.first - dt.timedelta(days=28)  # about thirteen weeks
    assert closed  # Good Friday and Easter Monday among them
    assert all(day.weekday() < 5 and day not in closed for day in days)
    assert not past.exclude(status__in=[TicketStatus.DONE, TicketStatus.NO_SHOW]).exists()
    assert not past.filter(Q(called_at__lt=F("issued_at")) | Q(finished_at__lt=F("called_at"))).exists()
    assert not past.filter(status=TicketStatus.DONE).filter(started_at__gt=F("finished_at")).exists()
    at_counter = [EventKind.CALLED, EventKind.RECALLED, EventKind.SERVING, EventKind.SERVED, EventKind.NO_SHOW]
    assert not events.filter(kind__in=at_counter).filter(Q(counter=None) | Q(staff=None)).exists()
    assert not past.annotate(n=Count("events")).filter(n__lt=3).exists()
    assert not past.filter(status=TicketStatus.NO_SHOW).exclude(calls__gte=3).exists()
    # Walk-ins draw tickets in the opening hours, and never on the appointments-only Wednesday.
    assert not past.filter(booking=None, day__week_day=4).exists()


def test_every_attended_appointment_of_the_month_was_checked_in(musterstadt: Tenant) -> None:
    attended = Booking.objects.filter(
        status=BookingStatus.ATTENDED, starts_at__gte=MARCH.start, starts_at__lt=MARCH.end
    )
    checked_in = attended.filter(ticket__isnull=False)
    missed_at_the_counter = Ticket.objects.filter(booking__status=BookingStatus.NO_SHOW, day__lt=TODAY)

    assert attended.count() > 1000
    assert checked_in.count() == attended.count()
    assert not checked_in.exclude(ticket__status=TicketStatus.DONE).exists()
    assert missed_at_the_counter.exists()
    assert not missed_at_the_counter.exclude(status=TicketStatus.NO_SHOW).exists()


def test_callbacks_and_messages_of_the_past_are_closed_or_still_open_with_their_times(musterstadt: Tenant) -> None:
    history = berlin_midnight(TODAY)
    callbacks = CallbackRequest.objects.filter(created_at__lt=history)
    messages = ContactMessage.objects.filter(created_at__lt=history)

    assert callbacks.filter(status=CallbackRequest.Status.DONE).count() > callbacks.count() / 2
    assert callbacks.filter(status=CallbackRequest.Status.GIVEN_UP).exists()
    assert callbacks.filter(status=CallbackRequest.Status.OPEN).exists()
    assert not callbacks.exclude(status=CallbackRequest.Status.OPEN).filter(attempts=None).exists()
    assert not callbacks.filter(first_attempt_at__lt=F("created_at")).exists()
    assert not callbacks.filter(first_attempt_at__gte=history).exists()
    assert messages.filter(status=ContactMessage.Status.ANSWERED).count() > messages.count() * 0.8
    assert not messages.filter(answered_at__lt=F("created_at")).exists()
    assert (
        not messages.filter(status=ContactMessage.Status.ANSWERED).filter(Q(answer="") | Q(assigned_to=None)).exists()
    )


def test_the_lead_sees_the_month_on_the_dashboard(musterstadt: Tenant) -> None:
    device = TOTPDevice.objects.get(user__username="leitung", user__tenant=musterstadt)
    client = Client(HTTP_HOST="musterstadt.localhost")
    client.post("/mitarbeit/anmelden/", {"username": "leitung", "password": DEMO_PASSWORD})
    client.post(
        "/mitarbeit/anmelden/code/",
        {"code": f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"},
    )

    response = client.get(f"/mitarbeit/steuerung/?first={MARCH.first}&last={MARCH.last}")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Wartezeit vor Ort" in html
    assert "Rückruf innerhalb eines Arbeitstags" in html
