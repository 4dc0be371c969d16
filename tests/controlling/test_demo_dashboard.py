"""The demo city's history gives a dashboard with plausible figures."""

from __future__ import annotations

import datetime as dt

import pytest

from anlaufstelle.controlling.kpis import BERLIN, Scope, kpis_compute
from anlaufstelle.core.demo import DemoContext
from anlaufstelle.core.models import Tenant
from anlaufstelle.core.tenancy import tenant_context

pytestmark = pytest.mark.django_db


def test_the_last_four_weeks_of_the_demo_have_plausible_figures(city: DemoContext) -> None:
    with tenant_context(Tenant.objects.get(slug="musterstadt")):
        today = dt.datetime.now(BERLIN).date()
        figures = kpis_compute(scope=Scope(today - dt.timedelta(days=27), today)).figures
    assert figures["bookings"] > 500
    assert 3 < figures["no_show_rate"] < 20  # type: ignore[operator]
    assert 1 <= figures["lead_time_current_max"] <= 61  # type: ignore[operator]
    assert 50 < figures["share_online"] < 95  # type: ignore[operator]
    assert 10 < figures["feedback_response_rate"] < 60  # type: ignore[operator]
    assert 2.5 < figures["feedback_overall"] < 4.5  # type: ignore[operator]
    assert figures["fte_budgeted"] > 0
    assert 0 < figures["utilisation"] < 120  # type: ignore[operator]
