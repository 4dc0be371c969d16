"""Capacity planning: forecast demand per service for the next twelve weeks, simulate the lead
time that today's staff plan gives, try what-if changes, and back-test the forecast.

``capacity_plan(scenario=...)`` computes all of it for the current tenant; definitions and
assumptions are in ``docs/planning.md``.
"""

from .plan import BACKTEST_WEEKS, HORIZON_WEEKS, PERMIT_NOTICE_DAYS, capacity_plan
from .results import CapacityPlan, ServicePlan
from .scenario import BASELINE, Closure, Scenario, ScenarioError, StaffChange

__all__ = [
    "BACKTEST_WEEKS",
    "BASELINE",
    "HORIZON_WEEKS",
    "PERMIT_NOTICE_DAYS",
    "CapacityPlan",
    "Closure",
    "Scenario",
    "ScenarioError",
    "ServicePlan",
    "StaffChange",
    "capacity_plan",
]
