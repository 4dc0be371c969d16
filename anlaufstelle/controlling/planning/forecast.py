"""Weekly demand forecast and its back-test: pure functions on plain numbers, no database.

Method: simple exponential smoothing (SES) of the demand *per working day*. A week's count is
divided by its working days (Monday to Friday without public holidays), so a week with Easter
Monday neither looks like a drop in demand nor teaches the forecast one; the forecast level is
multiplied back by the working days of each future week. SES weighs recent weeks more than old
ones; how much (the smoothing weight alpha) is chosen per series as the weight that would have
predicted the history best one week ahead (least squares over a fixed grid). SES has no trend
and no season: with months rather than years of history, a trend would be fitted to noise and a
yearly season cannot be seen at all. The back-test measures what that costs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

WEEK = dt.timedelta(days=7)
ALPHAS = tuple(step / 20 for step in range(1, 20))  # 0.05, 0.10, … 0.95
FEWEST_WEEKS_TO_FIT = 4  # below this, alpha cannot be judged: the mean of the weeks is the level
Key = TypeVar("Key", bound=Hashable)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def mondays(first: dt.date, count: int) -> list[dt.date]:
    """``count`` consecutive Mondays from the week of ``first``."""
    start = monday(first)
    return [start + index * WEEK for index in range(count)]


def working_days(week: dt.date, holidays: Iterable[dt.date]) -> list[dt.date]:
    """Monday to Friday of the week beginning ``week``, without public holidays."""
    closed = set(holidays)
    return [day for day in (week + dt.timedelta(days=offset) for offset in range(5)) if day not in closed]


@dataclass(frozen=True)
class Smoothing:
    """A fitted series: the level (demand per working day) and the weight that gave it (None: a plain mean)."""

    level: float
    alpha: float | None


def smoothing_fit(rates: Sequence[float]) -> Smoothing:
    """Simple exponential smoothing of ``rates`` (oldest first), alpha by least one-step-ahead squared error.

    The level starts at the first value; each week moves it by alpha times the surprise. Ties
    go to the smaller alpha (the calmer forecast). Fewer than four values give their mean.
    """
    if not rates:
        return Smoothing(level=0.0, alpha=None)
    if len(rates) < FEWEST_WEEKS_TO_FIT:
        return Smoothing(level=sum(rates) / len(rates), alpha=None)
    best: tuple[float, float, float] | None = None  # squared error, alpha, level
    for alpha in ALPHAS:
        level, error = rates[0], 0.0
        for value in rates[1:]:
            error += (value - level) ** 2
            level += alpha * (value - level)
        if best is None or error < best[0] - 1e-9:
            best = (error, alpha, level)
    assert best is not None
    return Smoothing(level=best[2], alpha=best[1])


def series_forecast(counts: Sequence[float], days: Sequence[int], ahead: Sequence[int]) -> list[float]:
    """Counts for the future weeks with ``ahead`` working days each, from the past weeks' ``counts``
    with ``days`` working days each."""
    rates = [count / workdays for count, workdays in zip(counts, days, strict=True) if workdays > 0]
    level = smoothing_fit(rates).level
    return [level * workdays for workdays in ahead]


def demand_forecast(
    history: Mapping[Key, Sequence[float]], days: Sequence[int], ahead: Sequence[int]
) -> dict[Key, list[float]]:
    """Per key (a service): the forecast counts of the weeks ``ahead`` from the weekly history."""
    return {key: series_forecast(counts, days, ahead) for key, counts in history.items()}


@dataclass(frozen=True)
class Accuracy:
    """How a forecast compared with what happened, week by week."""

    forecast: list[float]
    actual: list[float]

    @property
    def mae(self) -> float:
        """Mean absolute error (appointments per week)."""
        return sum(abs(f - a) for f, a in zip(self.forecast, self.actual, strict=True)) / len(self.actual)

    @property
    def mape(self) -> float | None:
        """Mean absolute percentage error over the weeks with demand (None if there were none)."""
        errors = [abs(f - a) / a for f, a in zip(self.forecast, self.actual, strict=True) if a > 0]
        return 100 * sum(errors) / len(errors) if errors else None

    @property
    def forecast_total(self) -> float:
        return sum(self.forecast)

    @property
    def actual_total(self) -> float:
        return sum(self.actual)


@dataclass(frozen=True)
class Backtest(Generic[Key]):
    """The forecast as it would have been made ``len(weeks)`` weeks before the end of the history."""

    weeks: list[dt.date]
    by_key: dict[Key, Accuracy]
    overall: Accuracy  # the office's total demand per week


def backtest(
    history: Mapping[Key, Sequence[float]], weeks: Sequence[dt.date], days: Sequence[int], *, test_weeks: int
) -> Backtest[Key] | None:
    """Forecast the last ``test_weeks`` weeks from the weeks before them only, and compare.

    None if the history has no week before the test weeks. The overall figures compare the sum
    over all keys per week, the number a lead plans the office with.
    """
    cut = len(weeks) - test_weeks
    if cut < 1 or test_weeks < 1:
        return None
    by_key: dict[Key, Accuracy] = {}
    for key, counts in history.items():
        forecast = series_forecast(counts[:cut], days[:cut], days[cut:])
        by_key[key] = Accuracy(forecast=forecast, actual=[float(count) for count in counts[cut:]])
    overall = Accuracy(
        forecast=[sum(accuracy.forecast[week] for accuracy in by_key.values()) for week in range(test_weeks)],
        actual=[sum(accuracy.actual[week] for accuracy in by_key.values()) for week in range(test_weeks)],
    )
    return Backtest(weeks=list(weeks[cut:]), by_key=by_key, overall=overall)
