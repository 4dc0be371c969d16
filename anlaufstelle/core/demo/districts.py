"""Demo step: Musterstadt's 20 districts with boundaries and fitting names."""

from __future__ import annotations

import random

from ..models import District
from ..tenancy import tenant_context
from .context import DemoContext
from .data import names
from .geometry import Cell, city_layout, geojson_polygon
from .tenants import MUSTERSTADT

DISTRICT_COUNT = 20


def _angle_between(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)


def name_districts(cells: list[Cell], rng: random.Random) -> list[tuple[str, Cell]]:
    """Numbered like a real city: 1 is the old town, then inner and outer ring clockwise."""
    remaining = sorted(cells, key=lambda cell: cell.distance_km)
    named: dict[int, str] = {id(remaining[0]): names.CENTRE_DISTRICT}
    named[id(remaining[1])] = names.SECOND_DISTRICT
    for bearing, name in names.DIRECTIONAL_DISTRICTS.items():
        candidates = [cell for cell in remaining if id(cell) not in named]
        # Close to the compass direction, and nearer the centre rather than at the edge.
        best = min(candidates, key=lambda c: _angle_between(c.bearing, bearing) / 30 + c.distance_km / 3)
        named[id(best)] = name
    pool = list(names.DISTRICT_NAMES)
    rng.shuffle(pool)
    for cell in remaining:
        if id(cell) not in named:
            named[id(cell)] = pool.pop()

    centre, *others = remaining
    median = sorted(cell.distance_km for cell in others)[len(others) // 2]
    ordered = [centre, *sorted(others, key=lambda c: (c.distance_km >= median, c.bearing))]
    return [(named[id(cell)], cell) for cell in ordered]


def load_districts(ctx: DemoContext) -> None:
    """Voronoi districts tiling a convex city outline (see ``geometry``)."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("districts")
    _outline, cells = city_layout(rng, DISTRICT_COUNT)
    with tenant_context(tenant):
        districts = [
            District(tenant=tenant, number=number, name=name, geometry=geojson_polygon(cell.ring))
            for number, (name, cell) in enumerate(name_districts(cells, rng), start=1)
        ]
        District.objects.bulk_create(districts)
    ctx.count("Stadtteile", len(districts))
