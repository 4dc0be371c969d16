"""Synthetic demo data: the city "Musterstadt" and a small second tenant "Beispielheim".

Everything is generated deterministically from a seed (``manage.py demo_city --seed 42``);
loading again replaces the demo tenants' data. See :mod:`.city` for the loader steps.
"""

from .city import STEPS, DemoStep, demo_load, demo_reset
from .context import DEMO_PASSWORD, DemoContext, DemoLogin

__all__ = ["DEMO_PASSWORD", "STEPS", "DemoContext", "DemoLogin", "DemoStep", "demo_load", "demo_reset"]
