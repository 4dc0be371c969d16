"""Run the scheduler: enqueues periodic jobs at their due times (run one or several)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from ...scheduling import scheduler_tick


class Command(BaseCommand):
    help = "Enqueue periodic background jobs when they are due."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Tick once and exit.")
        parser.add_argument("--interval", type=float, default=15.0, help="Seconds between ticks.")

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        while True:
            for name in scheduler_tick():
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(interval)
