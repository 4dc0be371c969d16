"""`make bench`: run every benchmark; each prints its figures and its ratio to a baseline
measured in the same run (machines are noisy, absolute times drift)."""

from __future__ import annotations

import importlib
import sys
import time

BENCHMARKS = [
    "benchmarks.tenant_scope",
    "benchmarks.slot_search",
    "benchmarks.page_weight",
    "benchmarks.allocation",
    "benchmarks.booking_storm",
    "benchmarks.offers_search",
    "benchmarks.frontdesk_day",
    "benchmarks.controlling_kpis",
]


def main() -> int:
    only = sys.argv[1:]
    for name in BENCHMARKS:
        if only and name.rsplit(".", 1)[-1] not in only:
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        importlib.import_module(name).main()
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
