import datetime as dt

from anlaufstelle.controlling.kpis import CATALOGUE, Scope, kpis_compute

ZERO_WHEN_EMPTY = {
    "bookings",
    "cancellations",
    "appointments_held",
    "emergency_appointments",
    "waitlist_entries",
    "allocation_pending",
    "tickets",
    "callbacks",
    "contact_open",
    "fte_budgeted",
    "fte_filled",
    "fte_vacant",
    "absence_days",
    "counter_hours",
    "booked_hours",
    "feedback_responses",
}


def test_an_empty_period_gives_zero_counts_and_no_rates_or_medians(tenant) -> None:
    result = kpis_compute(scope=Scope(dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
    for kpi in CATALOGUE:
        expected = 0.0 if kpi.key in ZERO_WHEN_EMPTY else None
        assert result.figures[kpi.key] == expected, kpi.key
    assert result.tables["queue_by_hour"] == []
    assert result.tables["lead_time_by_day"] == []


def test_the_previous_period_has_the_same_length_and_ends_the_day_before() -> None:
    scope = Scope(dt.date(2026, 3, 1), dt.date(2026, 3, 31), section_id=4)
    previous = scope.previous()
    assert (previous.first, previous.last, previous.section_id) == (dt.date(2026, 1, 29), dt.date(2026, 2, 28), 4)


def test_a_period_on_the_clock_change_day_is_23_hours_long() -> None:
    scope = Scope(dt.date(2026, 3, 29), dt.date(2026, 3, 29))
    assert scope.end - scope.start == dt.timedelta(hours=23)
    assert Scope(dt.date(2026, 10, 25), dt.date(2026, 10, 25)).end - Scope(
        dt.date(2026, 10, 25), dt.date(2026, 10, 25)
    ).start == dt.timedelta(hours=25)
