"""What every benchmark needs: Django on its own database, and timing with percentiles."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


def setup_django() -> None:
    """Dev settings on a fresh SQLite file (or DATABASE_URL), migrated."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anlaufstelle.settings.dev")
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_NAME"] = os.path.join(tempfile.mkdtemp(prefix="bench-"), "bench.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of ``repeat`` calls after one warm-up call."""
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100)[q - 1]


@dataclass
class BenchOffice:
    tenant: Any
    section: Any
    location: Any
    staff: list[Any]


def bench_office(
    *, slug: str, staff_count: int, shifts: Sequence[tuple[dt.time, dt.time]], valid_from: dt.date
) -> BenchOffice:
    """A fresh tenant with one section, one location and ``staff_count`` caseworkers present at
    it Monday to Friday in ``shifts``. Call inside a transaction; the tenant stays active."""
    from anlaufstelle.appointments.models import Location, WeeklyAvailability
    from anlaufstelle.core.models import Section, Tenant, User
    from anlaufstelle.core.tenancy import all_tenants, tenant_context

    with all_tenants():
        tenant = Tenant.objects.create(slug=slug, name="Bench", name_de="Bench", hostnames=f"{slug}.localhost")
    with tenant_context(tenant):
        section = Section.objects.create(code="B", name="Bench", name_de="Bench")
        location = Location.objects.create(name="Bench", name_de="Bench")
        staff = User.objects.bulk_create(
            User(username=f"{slug}-{i}", role="caseworker", tenant=tenant) for i in range(staff_count)
        )
        WeeklyAvailability.objects.bulk_create(
            WeeklyAvailability(
                staff=member,
                location=location,
                weekday=weekday,
                starts=start,
                ends=end,
                valid_from=valid_from,
                tenant=tenant,
            )
            for member in staff
            for weekday in range(5)
            for start, end in shifts
        )
    return BenchOffice(tenant=tenant, section=section, location=location, staff=staff)
