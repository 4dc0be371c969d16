"""District boundaries for the demo city: Voronoi cells clipped to a convex city outline.

Pure Python, no GIS library: the outline is convex, so every Voronoi cell is the outline
clipped by one half-plane per neighbouring seed point (Sutherland–Hodgman). The cells tile
the outline without overlaps. The work happens in a local kilometre grid and is converted to
WGS 84 longitude/latitude at the end.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

Point = tuple[float, float]

# Centre of the demo city (between the Ruhr and the Bergisches Land) and its size in km.
CENTRE_LON = 7.15
CENTRE_LAT = 51.40
KM_PER_DEGREE_LAT = 110.57
KM_PER_DEGREE_LON = 111.32 * math.cos(math.radians(CENTRE_LAT))
HALF_WIDTH_KM = 9.0
HALF_HEIGHT_KM = 7.5
DECIMALS = 6  # about 0.1 m: precise enough, and shared corners round to the same value


@dataclass(frozen=True)
class Cell:
    """One district: its seed point and boundary (local km), plus bearing and distance."""

    seed: Point
    ring: list[Point]

    @property
    def centroid(self) -> Point:
        return polygon_centroid(self.ring)

    @property
    def distance_km(self) -> float:
        x, y = self.centroid
        return math.hypot(x, y)

    @property
    def bearing(self) -> float:
        """Compass bearing of the centroid from the city centre, 0° = north, clockwise."""
        x, y = self.centroid
        return math.degrees(math.atan2(x, y)) % 360


def polygon_area(ring: list[Point]) -> float:
    """Signed area (shoelace); positive for counter-clockwise rings. Open or closed ring."""
    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return total / 2


def polygon_centroid(ring: list[Point]) -> Point:
    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
    area = polygon_area(points)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area)


def convex_hull(points: list[Point]) -> list[Point]:
    """Counter-clockwise convex hull (Andrew's monotone chain), without repeating the start."""
    pts = sorted(set(points))

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def clip_half_plane(ring: list[Point], a: float, b: float, c: float) -> list[Point]:
    """The part of a convex ring where ``a*x + b*y <= c`` (Sutherland–Hodgman, one edge)."""
    result: list[Point] = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        current_in = a * current[0] + b * current[1] <= c
        previous_in = a * previous[0] + b * previous[1] <= c
        if current_in != previous_in:
            (x1, y1), (x2, y2) = previous, current
            denominator = a * (x2 - x1) + b * (y2 - y1)
            t = (c - a * x1 - b * y1) / denominator
            result.append((x1 + t * (x2 - x1), y1 + t * (y2 - y1)))
        if current_in:
            result.append(current)
    return result


def city_outline(rng: random.Random, *, corners: int = 28) -> list[Point]:
    """A convex, slightly irregular ellipse around the centre (local km, counter-clockwise)."""
    points = []
    for i in range(corners):
        angle = 2 * math.pi * (i + rng.uniform(-0.3, 0.3)) / corners
        scale = rng.uniform(0.86, 1.0)
        points.append((HALF_WIDTH_KM * scale * math.cos(angle), HALF_HEIGHT_KM * scale * math.sin(angle)))
    return convex_hull(points)


def voronoi_cells(outline: list[Point], seeds: list[Point]) -> list[list[Point]]:
    """The Voronoi cell of every seed, clipped to the convex ``outline``."""
    cells = []
    for i, (sx, sy) in enumerate(seeds):
        ring = list(outline)
        for j, (tx, ty) in enumerate(seeds):
            if i != j:
                # Points closer to s than to t: 2(t - s)·p <= |t|² - |s|²
                ring = clip_half_plane(ring, 2 * (tx - sx), 2 * (ty - sy), tx * tx + ty * ty - sx * sx - sy * sy)
        cells.append(ring)
    return cells


def _inside(outline: list[Point], point: Point) -> bool:
    """Point in a convex counter-clockwise ring."""
    x, y = point
    for i, (x2, y2) in enumerate(outline):
        x1, y1 = outline[i - 1]
        if (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1) < 0:
            return False
    return True


def _seed_points(rng: random.Random, outline: list[Point], count: int) -> list[Point]:
    """One seed near the centre, an inner and an outer ring, then relaxed (Lloyd) for evenness."""
    inner = max(1, round((count - 1) * 0.3))
    outer = count - 1 - inner
    seeds: list[Point] = [(rng.uniform(-0.4, 0.4), rng.uniform(-0.4, 0.4))]
    for ring_count, radius in ((inner, 0.42), (outer, 0.8)):
        offset = rng.uniform(0, 2 * math.pi)
        for k in range(ring_count):
            angle = offset + 2 * math.pi * (k + rng.uniform(-0.25, 0.25)) / ring_count
            r = radius * rng.uniform(0.9, 1.1)
            point = (HALF_WIDTH_KM * r * math.cos(angle), HALF_HEIGHT_KM * r * math.sin(angle))
            seeds.append(point if _inside(outline, point) else (point[0] * 0.8, point[1] * 0.8))
    for _round in range(2):
        centre_seed = seeds[0]
        seeds = [polygon_centroid(cell) for cell in voronoi_cells(outline, seeds)]
        seeds[0] = centre_seed  # the old town stays in the middle
    return seeds


def to_lon_lat(point: Point) -> list[float]:
    x, y = point
    return [
        round(CENTRE_LON + x / KM_PER_DEGREE_LON, DECIMALS),
        round(CENTRE_LAT + y / KM_PER_DEGREE_LAT, DECIMALS),
    ]


def geojson_polygon(ring: list[Point]) -> dict[str, object]:
    """A closed, counter-clockwise GeoJSON Polygon (RFC 7946) in WGS 84."""
    coordinates: list[list[float]] = []
    for point in ring:
        lon_lat = to_lon_lat(point)
        if not coordinates or coordinates[-1] != lon_lat:
            coordinates.append(lon_lat)
    if coordinates[0] != coordinates[-1]:
        coordinates.append(coordinates[0])
    return {"type": "Polygon", "coordinates": [coordinates]}


def city_layout(rng: random.Random, count: int) -> tuple[list[Point], list[Cell]]:
    """The city outline and ``count`` district cells (local km), deterministic for ``rng``."""
    outline = city_outline(rng)
    seeds = _seed_points(rng, outline, count)
    cells = [Cell(seed=seed, ring=ring) for seed, ring in zip(seeds, voronoi_cells(outline, seeds), strict=True)]
    return outline, cells
