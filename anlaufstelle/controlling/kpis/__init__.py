"""The KPI engine: each source read in one query into Polars, aggregated there.

``kpis_compute(scope=...)`` returns every figure of ``definitions.CATALOGUE`` for the scope
and the tables behind the dashboard's charts. Definitions: ``docs/kpis.md``. Bookings and the
queue, the large sources, are read as daily facts (``facts``): stored where current, built from
the raw rows for the other days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from anlaufstelle.core.tenancy import require_tenant

from . import sources
from .appointments import booking_figures, holding_hours, lead_time, request_figures
from .definitions import BY_KEY, CATALOGUE, HEADLINE, Kpi
from .facts import facts_for
from .queue import queue_figures, walk_ins
from .scope import BERLIN, Scope, berlin_midnight
from .service import feedback_figures, reach_figures, staffing_figures
from .stats import Table

__all__ = ["BERLIN", "BY_KEY", "CATALOGUE", "HEADLINE", "Kpi", "KpiResult", "Scope", "berlin_midnight", "kpis_compute"]


@dataclass
class KpiResult:
    scope: Scope
    figures: dict[str, float | None]
    tables: dict[str, Table] = field(default_factory=dict)


def kpis_compute(*, scope: Scope, now: dt.datetime | None = None) -> KpiResult:
    """Every KPI of the catalogue for ``scope``; one query per source (about a dozen in all)."""
    now = now or timezone.now()
    facts = facts_for(scope)
    figures: dict[str, float | None] = {}
    tables: dict[str, Table] = {}

    lead, tables["lead_time_by_day"], tables["lead_time_by_service"] = lead_time(sources.lead_time_snapshots(scope))
    figures |= lead
    booked, tables["channels"], tables["bookings_by_week"] = booking_figures(facts.bookings, walk_ins(facts.queue))
    figures |= booked
    figures |= request_figures(sources.waitlist(scope), sources.allocation_requests(scope), scope)
    queue, tables["queue_by_hour"] = queue_figures(facts.queue)
    figures |= queue
    figures |= reach_figures(
        sources.callbacks(scope),
        sources.contact_messages(scope),
        scope,
        now=now,
        federal_state=require_tenant().federal_state,
    )
    figures |= staffing_figures(
        sources.positions(scope),
        sources.absences(scope),
        scope,
        counter_hours=sources.counter_hours(scope),
        booked_hours=holding_hours(facts.bookings),
    )
    satisfaction, tables["feedback_by_week"] = feedback_figures(
        sources.feedback(scope), sources.feedback_invitations(scope)
    )
    figures |= satisfaction
    missing = set(BY_KEY) - set(figures)
    assert not missing, f"KPIs without a value: {missing}"
    return KpiResult(scope=scope, figures=figures, tables=tables)
