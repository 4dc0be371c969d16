"""What every benchmark needs: Django on its own database, and timing with percentiles."""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "var" / "bench-cache"


def setup_django(sqlite_file: Path | None = None) -> None:
    """Dev settings on a fresh SQLite file (or ``sqlite_file``, or DATABASE_URL), migrated."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anlaufstelle.settings.dev")
    if not os.environ.get("DATABASE_URL"):
        sqlite_file = sqlite_file or Path(tempfile.mkdtemp(prefix="bench-")) / "bench.sqlite3"
        os.environ["SQLITE_NAME"] = str(sqlite_file)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _cache_file(name: str, sources: Sequence[Path]) -> Path:
    """Keyed by the benchmark's own code, ``sources`` and every migration."""
    paths = [*sources, *sorted(ROOT.glob("anlaufstelle/*/migrations/0*.py"))]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in paths)).hexdigest()[:16]
    return CACHE_DIR / f"{name}-{digest}.sqlite3"


def setup_django_cached(name: str, sources: Sequence[Path]) -> bool:
    """Like ``setup_django``, but on SQLite the fresh file starts as a copy of the data set an
    earlier run kept with ``keep_in_cache`` (keyed by ``name`` and the code in ``sources``, so a
    change to how the data is built builds it again). Returns whether the data set is there."""
    cached = False
    if not os.environ.get("DATABASE_URL"):
        target = Path(tempfile.mkdtemp(prefix="bench-")) / "bench.sqlite3"
        atexit.register(shutil.rmtree, target.parent, ignore_errors=True)  # copies run to hundreds of MB
        source = _cache_file(name, sources)
        if source.exists():
            shutil.copyfile(source, target)
            cached = True
        setup_django(target)
    else:
        setup_django()
    return cached


def keep_in_cache(name: str, sources: Sequence[Path]) -> None:
    """Keep the SQLite data set for the next run of the same benchmark (no-op on PostgreSQL)."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    connection.close()
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for old in CACHE_DIR.glob(f"{name}-*.sqlite3"):
        old.unlink()
    source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
    with sqlite3.connect(str(_cache_file(name, sources))) as copy:
        source.backup(copy)
    source.close()


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
