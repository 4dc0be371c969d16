"""Load the demo city: ``manage.py demo_city --seed 42`` (run by ``make demo``)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...demo import demo_load
from ...demo.report import format_report


class Command(BaseCommand):
    help = (
        "Generate the demo city Musterstadt and the small tenant Beispielheim from a seed. "
        "Replaces all data of these two tenants (their audit log is kept). Demo mode only."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seed", type=int, default=42, help="Same seed, same city.")

    def handle(self, *args: Any, seed: int, **options: Any) -> None:
        # Demo accounts have a published password and printed TOTP secrets.
        if not settings.ANLAUFSTELLE_DEMO_MODE:
            raise CommandError("demo_city only runs with ANLAUFSTELLE_DEMO_MODE on (the development settings).")
        started = time.perf_counter()
        ctx = demo_load(seed=seed)
        self.stdout.write(format_report(ctx, time.perf_counter() - started))
