"""The capacity plan: demand forecast, lead-time simulation for today's plan and for a what-if
scenario, and the back-test of the forecast. Definitions: ``docs/planning.md``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from anlaufstelle.appointments.selectors import public_holidays
from anlaufstelle.core.tenancy import require_tenant

from ..kpis import BERLIN
from .forecast import WEEK, Accuracy, Backtest, backtest, monday, series_forecast, working_days
from .results import (
    BacktestResult,
    CapacityPlan,
    LeadCurve,
    Office,
    SectionPlan,
    ServiceAccuracy,
    ServicePlan,
)
from .scenario import BASELINE, Scenario, ScenarioError, bookable, counter_time, section_fte
from .simulation import Request, SimService, SimulationResult, requests_spread, simulate
from .sources import (
    PLANNED,
    SAME_DAY,
    Calendar,
    ServiceInfo,
    calendar_read,
    demand_weekly,
    history_first_week,
    lead_times_measured,
    registrations_waiting,
    sections_read,
    services_read,
)

HORIZON_WEEKS = 12
BACKTEST_WEEKS = 8
HISTORY_WEEKS = 104  # two years at most: enough to see a year, short enough to be today's office
LOOKAHEAD_DAYS = 182  # the calendar goes on half a year past the horizon, for appointments given far ahead
PERMIT_NOTICE_DAYS = 28  # a permit extension should be applied for four weeks before the permit expires


def _sum_pairs(pairs: list[tuple[int, int]]) -> tuple[int, int]:
    return sum(met for met, _all in pairs), sum(total for _met, total in pairs)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _accuracy_sum(parts: list[Accuracy]) -> Accuracy:
    weeks = len(parts[0].actual)
    return Accuracy(
        forecast=[sum(part.forecast[week] for part in parts) for week in range(weeks)],
        actual=[sum(part.actual[week] for part in parts) for week in range(weeks)],
    )


@dataclass
class _Frame:
    """The days of the plan: day 0 is today; the plan weeks begin on the first Monday from today."""

    today: dt.date
    weeks: list[dt.date]
    holidays: set[dt.date]
    calendar_days: int

    @property
    def horizon_days(self) -> int:
        return (self.weeks[-1] + WEEK - self.today).days

    def index(self, day: dt.date) -> int:
        return (day - self.today).days

    def week_days(self, week: dt.date) -> list[int]:
        """Working days of a week from today on, as day indexes."""
        return [self.index(day) for day in working_days(week, self.holidays) if day >= self.today]


def _arrivals(
    frame: _Frame,
    services: list[ServiceInfo],
    forecast: dict[int, list[float]],
    forecast_weeks: list[dt.date],
    registrations: list[tuple[int, int, int | None]],
    displaced: dict[int, int],
) -> dict[int, list[Request]]:
    """The requests of each day: displaced appointments first (today), then registrations as they
    fall due (the most urgent first), then new demand spread over the working days of its week."""
    arrivals: dict[int, list[Request]] = defaultdict(list)
    for service_id, moved in sorted(displaced.items()):
        arrivals[0] += [Request(service=service_id)] * moved
    for service_id, day, deadline in registrations:
        arrivals[day].append(Request(service=service_id, deadline=deadline))
    expected: dict[int, dict[int, float]] = {}
    for service in services:
        for week, count in zip(forecast_weeks, forecast[service.pk], strict=True):
            all_days = working_days(week, frame.holidays)
            days = frame.week_days(week)
            for day in days:
                expected.setdefault(service.pk, {})[day] = count / len(all_days)
    for day, requests in requests_spread(expected).items():
        arrivals[day] += requests
    return dict(arrivals)


def _staff_minutes(calendar: Calendar, minutes: list[list[int]]) -> dict[int, list[int]]:
    by_staff: dict[int, list[int]] = {}
    for row, (staff_id, _location) in enumerate(calendar.rows):
        total = by_staff.setdefault(staff_id, [0] * calendar.days)
        for day, value in enumerate(minutes[row]):
            total[day] += value
    return by_staff


def _curve(frame: _Frame, result: SimulationResult, service_id: int) -> LeadCurve:
    values: list[float | None] = []
    beyond: list[bool] = []
    for week in frame.weeks:
        days = frame.week_days(week)
        leads = [result.lead[service_id].get(day) for day in days]
        bounded = [
            lead if lead is not None else frame.calendar_days - day for lead, day in zip(leads, days, strict=True)
        ]
        values.append(sum(bounded) / len(bounded) if bounded else None)
        beyond.append(any(lead is None for lead in leads))
    return LeadCurve(values=values, beyond=beyond)


def _appointment_hours(frame: _Frame, calendar: Calendar, present: list[list[float]], rows: list[int]) -> list[float]:
    """Counter time less the emergency share of the rows, per plan week (hours)."""
    hours = []
    for week in frame.weeks:
        start = max(frame.index(week), 0)
        stop = frame.index(week) + 7
        hours.append(sum(sum(present[row][start:stop]) * (1 - calendar.share[row]) for row in rows) / 60)
    return hours


def _validate(frame: _Frame, scenario: Scenario) -> None:
    last = frame.weeks[-1] + dt.timedelta(days=6)
    closure = scenario.closure
    if closure is not None and (closure.last < frame.today or closure.first > last):
        raise ScenarioError(
            _("Die Schließung liegt außerhalb der Planungswochen (%(first)s bis %(last)s).")
            % {"first": f"{frame.today:%d.%m.%Y}", "last": f"{last:%d.%m.%Y}"}
        )
    change = scenario.staff
    if change is not None and change.last is not None and change.last < frame.today:
        raise ScenarioError(_("Die Personaländerung endet vor heute."))


def capacity_plan(*, scenario: Scenario = BASELINE, today: dt.date | None = None) -> CapacityPlan:
    """Forecast, simulated lead times today's way and under ``scenario``, and the back-test,
    for the twelve weeks from the first Monday on or after ``today`` (Berlin)."""
    today = today or timezone.now().astimezone(BERLIN).date()
    current = monday(today)
    first_week = current if today == current else current + WEEK
    weeks = [first_week + index * WEEK for index in range(HORIZON_WEEKS)]
    calendar_days = (weeks[-1] + WEEK - today).days + LOOKAHEAD_DAYS
    federal_state = require_tenant().federal_state
    history_from = history_first_week(before=current)
    if history_from is not None:
        history_from = max(history_from, current - HISTORY_WEEKS * WEEK)
    history_weeks = (
        [history_from + index * WEEK for index in range((current - history_from).days // 7)] if history_from else []
    )
    holidays = public_holidays(
        federal_state=federal_state,
        day_from=history_weeks[0] if history_weeks else current,
        day_to=today + dt.timedelta(days=calendar_days),
    )
    frame = _Frame(today=today, weeks=weeks, holidays=holidays, calendar_days=calendar_days)
    _validate(frame, scenario)

    services = services_read()
    demand = demand_weekly(first=history_weeks[0], weeks=len(history_weeks)) if history_weeks else {}
    past_days = [len(working_days(week, holidays)) for week in history_weeks]
    forecast_weeks = ([current] if current != first_week else []) + weeks
    ahead_days = [len(working_days(week, holidays)) for week in forecast_weeks]
    zeros = [0] * len(history_weeks)

    def forecast(stream: str, service_id: int) -> list[float]:
        return series_forecast(demand.get(stream, {}).get(service_id, zeros), past_days, ahead_days)

    planned = {service.pk: forecast(PLANNED, service.pk) for service in services}
    planned_scenario = {
        service.pk: [count * scenario.demand_factor(service.section_id) for count in planned[service.pk]]
        for service in services
    }
    same_day = {service.pk: forecast(SAME_DAY, service.pk) for service in services}

    known = {service.pk for service in services}
    registrations: list[tuple[int, int, int | None]] = []
    registered: dict[int, list[int]] = {service.pk: [0] * HORIZON_WEEKS for service in services}
    for service_id, expires in registrations_waiting():
        if service_id not in known:
            continue
        due = expires - dt.timedelta(days=PERMIT_NOTICE_DAYS) if expires else today
        day = max(0, frame.index(due))
        if day >= frame.horizon_days:
            continue  # falls due after the plan
        registrations.append((service_id, day, frame.index(expires) if expires else None))
        week = max(0, (today + dt.timedelta(days=day) - first_week).days // 7)
        registered[service_id][week] += 1
    registrations.sort(key=lambda item: (item[1], item[2] if item[2] is not None else frame.calendar_days))

    calendar = calendar_read(first=today, days=calendar_days)
    sim_services = [SimService(s.pk, s.minutes, s.earliest_days, s.staff) for s in services]
    measure = [day for week in weeks for day in frame.week_days(week)]

    def run(chosen: Scenario, forecast: dict[int, list[float]]) -> SimulationResult:
        minutes, displaced = bookable(calendar, chosen)
        arrivals = _arrivals(frame, services, forecast, forecast_weeks, registrations, displaced)
        return simulate(
            free=_staff_minutes(calendar, minutes),
            services=sim_services,
            arrivals=arrivals,
            measure=measure,
            days=calendar_days,
        )

    baseline = run(BASELINE, planned)
    simulated = baseline if scenario.is_baseline else run(scenario, planned_scenario)
    measured_on, measured = lead_times_measured(until=today)
    scheduled = {staff_id for staff_id, _location in calendar.rows}
    skip = len(forecast_weeks) - HORIZON_WEEKS  # the current week, when the plan begins next Monday

    service_plans = []
    for service in services:
        history = [
            a + b
            for a, b in zip(
                demand.get(PLANNED, {}).get(service.pk, zeros),
                demand.get(SAME_DAY, {}).get(service.pk, zeros),
                strict=True,
            )
        ]
        service_plans.append(
            ServicePlan(
                service=service,
                history=history,
                planned=planned[service.pk][skip:],
                planned_scenario=planned_scenario[service.pk][skip:],
                same_day=same_day[service.pk][skip:],
                registered=registered[service.pk],
                lead=_curve(frame, baseline, service.pk),
                lead_scenario=_curve(frame, simulated, service.pk),
                measured=measured.get(service.pk),
                staffed=bool(scheduled & set(service.staff)),
                unplaced=baseline.unplaced[service.pk],
                unplaced_scenario=simulated.unplaced[service.pk],
                deadlines=baseline.deadlines[service.pk],
                deadlines_scenario=simulated.deadlines[service.pk],
            )
        )

    present = [[float(value) for value in row] for row in calendar.present]
    present_scenario = counter_time(calendar, scenario)[0]
    all_rows = list(range(len(calendar.rows)))
    staffed_plans = [plan for plan in service_plans if plan.staffed]

    def per_week(values: list[list[float]]) -> list[float]:
        return [sum(week) for week in zip(*values, strict=True)] if values else [0.0] * HORIZON_WEEKS

    def lead_stat(curves: list[LeadCurve], how: str) -> list[float | None]:
        result: list[float | None] = []
        for week in range(HORIZON_WEEKS):
            found = [value for curve in curves if (value := curve.values[week]) is not None]
            result.append((max(found) if how == "max" else sum(found) / len(found)) if found else None)
        return result

    def hours(plans: list[ServicePlan], scenario_side: bool) -> list[float]:
        return per_week(
            [
                [
                    count * plan.service.minutes / 60 + reg * plan.service.minutes / 60
                    for count, reg in zip(
                        plan.planned_scenario if scenario_side else plan.planned, plan.registered, strict=True
                    )
                ]
                for plan in plans
            ]
        )

    office = Office(
        demand=per_week([plan.planned for plan in service_plans]),
        demand_scenario=per_week([plan.planned_scenario for plan in service_plans]),
        same_day=per_week([plan.same_day for plan in service_plans]),
        registered=[sum(week) for week in zip(*(plan.registered for plan in service_plans), strict=True)]
        if service_plans
        else [0] * HORIZON_WEEKS,
        hours=_appointment_hours(frame, calendar, present, all_rows),
        hours_scenario=_appointment_hours(frame, calendar, present_scenario, all_rows),
        demand_hours=hours(service_plans, False),
        demand_hours_scenario=hours(service_plans, True),
        lead_mean=lead_stat([plan.lead for plan in staffed_plans], "mean"),
        lead_mean_scenario=lead_stat([plan.lead_scenario for plan in staffed_plans], "mean"),
        lead_max=lead_stat([plan.lead for plan in staffed_plans], "max"),
        lead_max_scenario=lead_stat([plan.lead_scenario for plan in staffed_plans], "max"),
    )

    sections = []
    for section in sections_read():
        plans = [plan for plan in service_plans if plan.service.section_id == section.pk]
        rows = [r for r, (staff, _l) in enumerate(calendar.rows) if section.pk in calendar.staff_sections[staff]]
        # a staff member in several sections counts in each of them
        if not plans and not rows:
            continue
        staffed_here = [plan for plan in plans if plan.staffed]
        sections.append(
            SectionPlan(
                pk=section.pk,
                name=str(section),
                fte=section_fte(calendar, section.pk),
                hours=_mean(_appointment_hours(frame, calendar, present, rows)) or 0.0,
                hours_scenario=_mean(_appointment_hours(frame, calendar, present_scenario, rows)) or 0.0,
                demand_hours=_mean(hours(plans, False)) or 0.0,
                demand_hours_scenario=_mean(hours(plans, True)) or 0.0,
                lead=_mean([v for plan in staffed_here if (v := plan.lead.last) is not None]),
                lead_scenario=_mean([v for plan in staffed_here if (v := plan.lead_scenario.last) is not None]),
            )
        )

    return CapacityPlan(
        today=today,
        weeks=weeks,
        history_weeks=history_weeks,
        services=service_plans,
        sections=sections,
        office=office,
        backtest=_backtest(services, demand, history_weeks, past_days),
        scenario=scenario,
        calendar_days=calendar_days,
        measured_on=measured_on,
        deadlines=_sum_pairs([plan.deadlines for plan in service_plans]),
        deadlines_scenario=_sum_pairs([plan.deadlines_scenario for plan in service_plans]),
        unplaced=sum(plan.unplaced for plan in service_plans),
        unplaced_scenario=sum(plan.unplaced_scenario for plan in service_plans),
    )


def _backtest(
    services: list[ServiceInfo],
    demand: dict[str, dict[int, list[int]]],
    weeks: list[dt.date],
    days: list[int],
) -> BacktestResult | None:
    """The forecast made ``BACKTEST_WEEKS`` weeks before the end of the history, per service (both
    streams forecast on their own and added, as the plan does) and for the office."""
    history: dict[tuple[int, str], list[float]] = {
        (service.pk, stream): [float(v) for v in demand.get(stream, {}).get(service.pk, [0] * len(weeks))]
        for service in services
        for stream in (PLANNED, SAME_DAY)
    }
    result: Backtest[tuple[int, str]] | None = backtest(history, weeks, days, test_weeks=BACKTEST_WEEKS)
    if result is None:
        return None
    accuracies = []
    for service in services:
        accuracy = _accuracy_sum([result.by_key[(service.pk, PLANNED)], result.by_key[(service.pk, SAME_DAY)]])
        if accuracy.actual_total or accuracy.forecast_total:
            accuracies.append(ServiceAccuracy(service=service, accuracy=accuracy))
    return BacktestResult(
        weeks=result.weeks, services=accuracies, overall=result.overall, training_weeks=len(weeks) - BACKTEST_WEEKS
    )
