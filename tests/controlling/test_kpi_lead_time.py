"""Lead time over time from the daily snapshots."""

import datetime as dt

import pytest

from anlaufstelle.controlling.kpis import Scope, kpis_compute
from anlaufstelle.controlling.models import LeadTimeSnapshot

from ..factories import LocationFactory, ServiceFactory


def _snap(day: dt.date, service, location, lead_days: int | None, window: int = 60) -> None:  # type: ignore[no-untyped-def]
    LeadTimeSnapshot.objects.create(
        day=day, service=service, location=location, lead_days=lead_days, window_days=window
    )


def test_lead_time_takes_the_best_location_per_service_and_day(tenant) -> None:
    a, b = ServiceFactory(), ServiceFactory()
    north, south = LocationFactory(), LocationFactory()
    d1, d2 = dt.date(2026, 3, 28), dt.date(2026, 3, 29)
    _snap(d1, a, north, 20)
    _snap(d1, a, south, 14)
    _snap(d1, b, north, 40)
    _snap(d2, a, north, 10)
    _snap(d2, b, north, None)  # nothing free in the 60-day window: counted as 61
    result = kpis_compute(scope=Scope(d1, d2))
    assert result.figures["lead_time_current_mean"] == pytest.approx((10 + 61) / 2)
    assert result.figures["lead_time_current_max"] == 61
    assert result.figures["lead_time_period_mean"] == pytest.approx((14 + 40 + 10 + 61) / 4)
    assert result.tables["lead_time_by_day"] == [
        {"day": d1, "mean": 27.0, "max": 40},
        {"day": d2, "mean": 35.5, "max": 61},
    ]
    location_only = kpis_compute(scope=Scope(d1, d1, location_id=north.pk))
    assert location_only.figures["lead_time_current_mean"] == pytest.approx(30.0)
