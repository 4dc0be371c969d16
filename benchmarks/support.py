"""What every benchmark needs: Django on its own database, and timing with percentiles."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable


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
