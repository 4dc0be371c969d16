"""The demo city's thirteen weeks of history give a capacity plan with plausible figures."""

from __future__ import annotations

import pytest
from pytest_django import DjangoDbBlocker

from anlaufstelle.controlling.planning import CapacityPlan, Scenario, StaffChange, capacity_plan
from anlaufstelle.core.demo import DemoContext
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
