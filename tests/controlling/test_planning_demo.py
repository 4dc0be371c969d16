"""The demo city's thirteen weeks of history give a capacity plan with plausible figures."""

from __future__ import annotations

import itertools

import pytest
from pytest_django import DjangoDbBlocker

from anlaufstelle.appointments.models import Service
from anlaufstelle.controlling.planning import CapacityPlan, Scenario, StaffChange, capacity_plan
from anlaufstelle.controlling.planning.sources import demand_weekly
from anlaufstelle.core.demo import DemoContext
from anlaufstelle.core.demo.appointments.plan import lead_at_least
from anlaufstelle.core.models import Section, Tenant
from anlaufstelle.core.tenancy import tenant_context

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def plans(city: DemoContext, django_db_blocker: DjangoDbBlocker) -> tuple[CapacityPlan, CapacityPlan]:
    with django_db_blocker.unblock(), tenant_context(Tenant.objects.get(slug="musterstadt")):
        section = Section.objects.get(code="2")
        one_more = Scenario(staff=StaffChange(section_id=section.pk, fte=1))
        return capacity_plan(), capacity_plan(scenario=one_more)


def test_the_forecast_and_the_backtest_of_the_demo_are_plausible(plans: tuple[CapacityPlan, CapacityPlan]) -> None:
    plan, _scenario = plans
    assert len(plan.history_weeks) >= 12
    # requests with appointment a week (fewer in the weeks of Christmas and New Year)
    assert all(200 < week < 600 for week in plan.office.demand)
    assert max(plan.office.demand) > 300
    assert sum(plan.office.registered) > 20  # the registrations of need waiting in the demo
    backtest = plan.backtest
    assert backtest is not None
    assert backtest.training_weeks >= 4
    assert backtest.overall.mape is not None
    assert backtest.overall.mape < 15


def test_the_simulated_lead_times_of_the_demo_are_plausible(plans: tuple[CapacityPlan, CapacityPlan]) -> None:
    plan, _scenario = plans
    staffed = [service for service in plan.services if service.staffed]
    assert len(staffed) > 20
    for service in staffed:
        assert all(value is not None and 1 <= value <= 60 for value in service.lead.values), service.service.name


def test_one_more_caseworker_in_section_2_shortens_its_lead_times(plans: tuple[CapacityPlan, CapacityPlan]) -> None:
    _plan, scenario = plans
    (section,) = [section for section in scenario.sections if section.name.startswith("2 ")]
    assert section.hours_scenario == pytest.approx(section.hours * (section.fte + 1) / section.fte)
    services = [service for service in scenario.services if service.service.section.startswith("2 ")]
    assert all(
        new <= old + 1e-9
        for service in services
        for old, new in zip(service.lead.values, service.lead_scenario.values, strict=True)
        if old is not None and new is not None
    )
    assert any(service.lead_scenario.values[1] < service.lead.values[1] for service in services)  # type: ignore[operator]


def test_the_demo_books_at_a_steady_pace_up_to_today(plans: tuple[CapacityPlan, CapacityPlan]) -> None:
    """Bookings are made as often in the last weeks as before: the calendar ahead holds what was
    booked for it already (a thin calendar ahead would read as falling demand, whatever the day)."""
    plan, _scenario = plans
    with tenant_context(Tenant.objects.get(slug="musterstadt")):
        demand = demand_weekly(first=plan.history_weeks[0], weeks=len(plan.history_weeks))
    weekly = [sum(week) for week in zip(*(counts for by in demand.values() for counts in by.values()), strict=True)]
    earlier = sum(weekly[:-3]) / len(weekly[:-3])
    assert all(week > 0.85 * earlier for week in weekly[-3:]), (weekly, earlier)


def test_the_share_booked_ahead_falls_from_all_to_none_over_the_window() -> None:
    service = Service(booking_mode=Service.BookingMode.ONLINE, earliest_days=2, latest_days=42)
    shares = [lead_at_least(service, days) for days in range(0, 50)]
    assert shares[0] == shares[1] == pytest.approx(1)  # nobody books for today online
    assert all(later <= earlier for earlier, later in itertools.pairwise(shares))
    assert shares[42] > 0.4  # the mornings a day is released
    assert shares[43] == 0
    desk = Service(booking_mode=Service.BookingMode.DESK, earliest_days=1, latest_days=60)
    assert lead_at_least(desk, 22) == 0  # staff book three weeks ahead at most
