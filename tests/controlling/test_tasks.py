"""The daily jobs: lead-time snapshots and threshold alerts through the outbox."""

import datetime as dt
from decimal import Decimal

from anlaufstelle.controlling.models import LeadTimeSnapshot
from anlaufstelle.controlling.services import leadtime_snapshot_record, thresholds_check
from anlaufstelle.core.models import OutboxMessage, Role

from ..factories import (
    LeadTimeSnapshotFactory,
    LocationFactory,
    ServiceFactory,
    ThresholdFactory,
    UserFactory,
    WeeklyAvailabilityFactory,
)
from .helpers import berlin

NOW = berlin(dt.date(2026, 3, 2), 6)  # a Monday


def test_the_snapshot_records_the_days_to_the_next_free_appointment_once_a_day(tenant) -> None:
    staff, location = UserFactory(), LocationFactory()
    service = ServiceFactory(qualified_staff=[staff], earliest_days=1, latest_days=30)
    WeeklyAvailabilityFactory(staff=staff, location=location, weekday=3)  # Thursdays only
    assert leadtime_snapshot_record(now=NOW) == 1
    assert leadtime_snapshot_record(now=NOW) == 0
    snapshot = LeadTimeSnapshot.objects.get(service=service)
    # Thursday is three days ahead; before 08:00 the 30th day of the window is not open yet
    assert (snapshot.day, snapshot.lead_days, snapshot.window_days) == (dt.date(2026, 3, 2), 3, 29)


def test_a_newly_crossed_threshold_mails_the_lead_once(tenant) -> None:
    UserFactory(role=Role.LEAD, email="leitung@example.org")
    LeadTimeSnapshotFactory(day=dt.date(2026, 3, 1), lead_days=35)
    threshold = ThresholdFactory(kpi="lead_time_current_max", limit=Decimal("28"))
    [state] = thresholds_check(now=NOW)
    assert state.breached
    assert state.value == 35
    assert thresholds_check(now=NOW)[0].breached
    mails = OutboxMessage.objects.filter(topic="controlling.threshold")
    assert mails.count() == 1
    assert mails.get().recipients == ["leitung@example.org"]
    threshold.refresh_from_db()
    assert threshold.breached_since == dt.date(2026, 3, 1)
