"""Django's system checks of the models pass at any time of day: ``check --deploy`` runs when a
release is deployed, whenever that is. Django reports a time field with a fixed default
(fields.W161) whenever the check runs within ten seconds of that time of day (in UTC), so the
deploy check of the production settings failed at 07:00 and 08:00 UTC, the times of the default
emergency release and daily release. It failed in CI on 2026-12-07 at 07:00 UTC."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import checks


@pytest.mark.parametrize("at", [dt.time(0, 0), dt.time(7, 0, 3), dt.time(8, 0), dt.time(12, 0, 5)])
def test_the_model_checks_pass_at_any_time_of_day(at: dt.time) -> None:
    with time_machine.travel(dt.datetime.combine(dt.date(2026, 12, 7), at, tzinfo=dt.UTC), tick=False):
        problems = checks.run_checks(tags=[checks.Tags.models])
    serious = [p for p in problems if p.is_serious(checks.WARNING) and p.id not in settings.SILENCED_SYSTEM_CHECKS]
    assert [f"{problem.id}: {problem.obj}" for problem in serious] == []
