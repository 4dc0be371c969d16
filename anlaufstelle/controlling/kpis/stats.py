"""Small helpers shared by the KPI modules: statistics that are None on empty input."""

from __future__ import annotations

from typing import Any

import polars as pl

Table = list[dict[str, Any]]


def number(value: Any) -> float | None:
    if value is None:
        return None
    return float(value)


def median(series: pl.Series) -> float | None:
    """The median (mean of the two middle values for an even count); None without values."""
    series = series.drop_nulls()
    return number(series.median()) if len(series) else None


def p90(series: pl.Series) -> float | None:
    """The 90th percentile, linear interpolation between closest ranks (as numpy's default)."""
    series = series.drop_nulls()
    return number(series.quantile(0.9, interpolation="linear")) if len(series) else None


def mean(series: pl.Series) -> float | None:
    series = series.drop_nulls()
    return number(series.mean()) if len(series) else None


def percent(part: int | float, whole: int | float) -> float | None:
    return 100.0 * part / whole if whole else None


def between(column: str, start: int, end: int) -> pl.Expr:
    """``start <= column < end`` (seconds since 1970)."""
    return pl.col(column).is_not_null() & (pl.col(column) >= start) & (pl.col(column) < end)


def week_start(day: pl.Expr) -> pl.Expr:
    """The Monday of the ISO week of a date."""
    return day - pl.duration(days=day.dt.weekday() - 1)


def rows(frame: pl.DataFrame) -> Table:
    return frame.to_dicts()
