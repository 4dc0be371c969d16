"""The demo city's front desk looks alive: people waiting or at a counter, someone just called, people served,
a call history for the display, and callback requests and messages in their queues."""

from __future__ import annotations

import datetime as dt

import pytest

from anlaufstelle.appointments.models import Location
from anlaufstelle.core.demo import demo_load
from anlaufstelle.core.models import Tenant
from anlaufstelle.core.tenancy import tenant_context
from anlaufstelle.frontdesk.models import CallbackRequest, ContactMessage, CounterSession, Ticket, TicketStatus
from anlaufstelle.frontdesk.selectors import display_calls

pytestmark = pytest.mark.django_db

A_THURSDAY = dt.date(2026, 3, 5)


def test_the_demo_day_has_people_waiting_served_and_a_display_history(settings) -> None:  # type: ignore[no-untyped-def]
    settings.ANLAUFSTELLE_DEMO_MODE = True
    demo_load(seed=42, today=A_THURSDAY)
    with tenant_context(Tenant.objects.get(slug="musterstadt")):
        statuses = set(Ticket.objects.filter(day=A_THURSDAY).values_list("status", flat=True))
        assert TicketStatus.DONE in statuses
        assert TicketStatus.CALLED in statuses  # someone is on the way to a counter right now
        assert statuses & {TicketStatus.WAITING, TicketStatus.SERVING}
        assert Ticket.objects.filter(booking__isnull=False).exists()  # checked-in appointments
        assert CounterSession.objects.filter(ended_at__isnull=True).count() >= 5
        main = max(Location.objects.all(), key=lambda location: location.emergency_share)
        eleven = dt.datetime(2026, 3, 5, 10, 0, tzinfo=dt.UTC)
        assert len(display_calls(location=main, now=eleven)) == 8
        assert CallbackRequest.objects.exists()
        assert ContactMessage.objects.exists()
