"""What-if scenarios on a small office with known capacity: direction and size of their effect.

The office gives eight appointments a working day. With an empty calendar and demand at or
below that, a request made Monday to Thursday gets the next day and one made on Friday the
Monday: a week's lead time is (1 + 1 + 1 + 1 + 3) / 5 = 1.4 days. The last plan week (18 to 22
May 2026) is followed by Whit Monday: from its Friday the next day with time is Tuesday, 1.6 days.
"""

import datetime as dt

import pytest

from anlaufstelle.controlling.planning import Closure, Scenario, ScenarioError, StaffChange, capacity_plan

from .planning_office import PER_DAY, TODAY, history, small_office

SHORTEST = 1.4
SHORTEST_BEFORE_WHIT_MONDAY = 1.6


def test_when_demand_meets_the_counter_time_the_lead_time_stays_at_its_shortest(tenant) -> None:
    office = small_office()
    history(office, per_day=PER_DAY)
    plan = capacity_plan(today=TODAY).service(office.service.pk)
    assert plan is not None
    assert plan.planned[0] == pytest.approx(5 * PER_DAY)
    assert plan.lead.values[0] == pytest.approx(SHORTEST)
    assert plan.lead.values[-1] == pytest.approx(SHORTEST_BEFORE_WHIT_MONDAY)


def test_half_again_as_much_demand_grows_the_lead_time_by_half_a_working_day_each_working_day(tenant) -> None:
    office = small_office()
    history(office, per_day=PER_DAY * 3 // 2)
    plan = capacity_plan(today=TODAY).service(office.service.pk)
    assert plan is not None
    leads = [value for value in plan.lead.values if value is not None]
    assert leads == sorted(leads)
    # 56 working days in the twelve weeks less 4 public holidays: by week 12 the backlog is
    # about (52 − 2.5) / 2 ≈ 25 working days of requests, some 35 calendar days
    assert 30 < leads[-1] < 42


def test_one_more_caseworker_doubles_the_counter_time_and_clears_the_backlog(tenant) -> None:
    office = small_office()
    history(office, per_day=PER_DAY * 3 // 2)
    plan = capacity_plan(today=TODAY, scenario=Scenario(staff=StaffChange(section_id=office.section.pk, fte=1)))
    (section,) = [section for section in plan.sections if section.pk == office.section.pk]
    assert section.fte == 1
    assert section.hours_scenario == pytest.approx(2 * section.hours)
    service = plan.service(office.service.pk)
    assert service is not None
    assert service.lead_scenario.values[-1] == pytest.approx(SHORTEST_BEFORE_WHIT_MONDAY)
    assert service.lead.values[-1] > 30


def test_half_a_caseworker_more_from_a_later_week_stops_the_growth_from_then_on(tenant) -> None:
    office = small_office()
    history(office, per_day=PER_DAY * 3 // 2)
    later = TODAY + dt.timedelta(weeks=6)
    change = StaffChange(section_id=office.section.pk, fte=0.5, first=later)
    service = capacity_plan(today=TODAY, scenario=Scenario(staff=change)).service(office.service.pk)
    assert service is not None
    # while requests book no further ahead than the change, nothing changes (week 4: 15 days
    # from 23 March); from week 5 on requests already book into the weeks with more staff
    assert service.lead_scenario.values[:4] == service.lead.values[:4]
    assert service.lead_scenario.values[4] < service.lead.values[4]
    # from week 7 the counter time meets the demand: the lead time grows no more
    assert service.lead_scenario.values[-1] < service.lead.values[-1]
    assert service.lead_scenario.values[-1] == pytest.approx(service.lead_scenario.values[-3], abs=1.5)


def test_a_closed_week_adds_a_week_of_lead_time_that_a_full_office_cannot_catch_up(tenant) -> None:
    office = small_office()
    history(office, per_day=PER_DAY)
    closed = Closure(first=dt.date(2026, 3, 16), last=dt.date(2026, 3, 20), location_id=office.location.pk)
    plan = capacity_plan(today=TODAY, scenario=Scenario(closure=closed))
    service = plan.service(office.service.pk)
    assert service is not None
    assert service.lead_scenario.values[0] == service.lead.values[0]
    # five working days of requests more than the office can take: seven calendar days, eight
    # where they span Whit Monday
    assert 7 <= service.lead_scenario.values[-1] - service.lead.values[-1] <= 8.5
    assert plan.office.hours_scenario[2] == 0


def test_more_demand_in_one_section_leaves_the_others_alone(tenant) -> None:
    office, other = small_office(), small_office()
    history(office, per_day=PER_DAY)
    history(other, per_day=PER_DAY)
    plan = capacity_plan(today=TODAY, scenario=Scenario(demand_percent=50, demand_section_id=office.section.pk))
    raised, untouched = plan.service(office.service.pk), plan.service(other.service.pk)
    assert raised is not None
    assert untouched is not None
    assert raised.planned_scenario[0] == pytest.approx(1.5 * raised.planned[0])
    assert raised.lead_scenario.values[-1] > 30
    assert untouched.lead_scenario.values == untouched.lead.values


def test_more_staff_cannot_leave_than_the_section_has(tenant) -> None:
    office = small_office(fte="0.75")
    with pytest.raises(ScenarioError, match="nur 0,75 Vollzeitstellen"):
        capacity_plan(today=TODAY, scenario=Scenario(staff=StaffChange(section_id=office.section.pk, fte=-1)))


def test_a_closure_outside_the_plan_is_refused(tenant) -> None:
    small_office()
    august = Closure(first=dt.date(2025, 8, 3), last=dt.date(2025, 8, 7))
    with pytest.raises(ScenarioError, match="außerhalb der Planungswochen"):
        capacity_plan(today=TODAY, scenario=Scenario(closure=august))
