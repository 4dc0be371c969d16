"""What the capacity plan returns: per service, per section, for the office, and the back-test."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .forecast import Accuracy
from .scenario import Scenario
from .sources import ServiceInfo


@dataclass
class LeadCurve:
    """Lead time per plan week: the mean over its working days (days). Where the calendar had no
    room at all on some day, the value is a lower bound and ``beyond`` is set for that week."""

    values: list[float | None]
    beyond: list[bool]

    @property
    def last(self) -> float | None:
        return self.values[-1] if self.values else None


@dataclass
class ServicePlan:
    service: ServiceInfo
    history: list[int]  # demand per past week, both streams
    planned: list[float]  # forecast of new demand with appointment, per plan week (today's plan)
    planned_scenario: list[float]  # the same under the scenario's demand change
    same_day: list[float]  # forecast of same-day demand (emergency, same-day bookings, walk-ins)
    registered: list[int]  # registrations of need waiting, by the week they fall due
    lead: LeadCurve
    lead_scenario: LeadCurve
    measured: int | None  # the lead time last recorded by the daily job
    staffed: bool  # someone qualified has counter time in the calendar
    unplaced: int
    unplaced_scenario: int
    deadlines: tuple[int, int]  # registrations with a permit expiry: (appointment before expiry, all)
    deadlines_scenario: tuple[int, int]

    @property
    def planned_total(self) -> float:
        return sum(self.planned)

    @property
    def demand_total(self) -> float:
        return sum(self.planned) + sum(self.same_day) + sum(self.registered)


@dataclass
class SectionPlan:
    pk: int
    name: str
    fte: float  # at the counters (scheduled staff)
    hours: float  # appointment time per plan week, mean (counter time less the emergency share)
    hours_scenario: float
    demand_hours: float  # new demand with appointment per plan week, mean, in appointment hours
    demand_hours_scenario: float
    lead: float | None  # mean over its services of the lead time in the last plan week
    lead_scenario: float | None


@dataclass
class Office:
    """Totals per plan week over all services."""

    demand: list[float]
    demand_scenario: list[float]
    same_day: list[float]
    registered: list[int]
    hours: list[float]  # appointment time (counter time less the emergency share)
    hours_scenario: list[float]
    demand_hours: list[float]
    demand_hours_scenario: list[float]
    lead_mean: list[float | None]
    lead_mean_scenario: list[float | None]
    lead_max: list[float | None]
    lead_max_scenario: list[float | None]


@dataclass
class ServiceAccuracy:
    service: ServiceInfo
    accuracy: Accuracy


@dataclass
class BacktestResult:
    weeks: list[dt.date]
    services: list[ServiceAccuracy]
    overall: Accuracy
    training_weeks: int


@dataclass
class CapacityPlan:
    today: dt.date
    weeks: list[dt.date]  # the Mondays of the plan weeks
    history_weeks: list[dt.date]
    services: list[ServicePlan]
    sections: list[SectionPlan]
    office: Office
    backtest: BacktestResult | None
    scenario: Scenario
    calendar_days: int
    measured_on: dt.date | None
    deadlines: tuple[int, int] = (0, 0)
    deadlines_scenario: tuple[int, int] = (0, 0)
    unplaced: int = 0
    unplaced_scenario: int = 0
    notes: list[str] = field(default_factory=list)

    def service(self, pk: int) -> ServicePlan | None:
        return next((plan for plan in self.services if plan.service.pk == pk), None)
