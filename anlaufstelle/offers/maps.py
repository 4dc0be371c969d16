"""The map without a tile server: the districts' boundaries and the places, drawn as SVG."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from anlaufstelle.core.models import District

from .models import Place

WIDTH = 800


@dataclass(frozen=True)
class MapShape:
    name: str
    path: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class MapMarker:
    place: Place
    x: float
    y: float


@dataclass(frozen=True)
class CityMap:
    width: int
    height: int
    districts: list[MapShape]
    markers: list[MapMarker]


def city_map(districts: Iterable[District], places: Iterable[Place]) -> CityMap | None:
    """Project WGS 84 onto the SVG plane (equirectangular, scaled by the latitude's cosine)."""
    rings = [(d, d.geometry["coordinates"][0]) for d in districts if d.geometry.get("type") == "Polygon"]
    points = [p for _d, ring in rings for p in ring]
    if not points:
        return None
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    stretch = math.cos(math.radians((north + south) / 2))
    scale = WIDTH / max((east - west) * stretch, 1e-9)
    height = round((north - south) * scale) or 1

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * stretch * scale, 1), round((north - lat) * scale, 1)

    shapes = []
    for district, ring in rings:
        projected = [xy(lon, lat) for lon, lat in ring]
        path = "M" + " L".join(f"{x},{y}" for x, y in projected) + " Z"
        cx = sum(x for x, _y in projected[:-1]) / max(len(projected) - 1, 1)
        cy = sum(y for _x, y in projected[:-1]) / max(len(projected) - 1, 1)
        shapes.append(MapShape(district.name, path, round(cx, 1), round(cy, 1)))
    markers = [
        MapMarker(place, *xy(float(place.longitude), float(place.latitude)))
        for place in places
        if place.has_coordinates
    ]
    return CityMap(WIDTH, height, shapes, markers)
