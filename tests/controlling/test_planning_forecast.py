"""The demand forecast (exponential smoothing per working day) and its back-test, on hand-made series."""

import datetime as dt

import pytest

from anlaufstelle.controlling.planning.forecast import (
    ALPHAS,
    backtest,
    mondays,
    series_forecast,
    smoothing_fit,
    working_days,
)


def test_a_steady_demand_is_forecast_as_it_was() -> None:
    assert series_forecast([40] * 8, [5] * 8, [5, 5, 5]) == pytest.approx([40, 40, 40])


def test_a_week_with_a_public_holiday_expects_demand_for_its_working_days_only() -> None:
    # Easter Monday 2026: the week of 6 April has four working days
    easter_week = working_days(dt.date(2026, 4, 6), {dt.date(2026, 4, 6)})
    assert len(easter_week) == 4
    assert series_forecast([40] * 8, [5] * 8, [len(easter_week), 5]) == pytest.approx([32, 40])


def test_a_past_holiday_week_does_not_drag_the_forecast_down() -> None:
    # 32 requests in a four-day week is the same demand per day as 40 in five
    assert series_forecast([40, 40, 32, 40, 40], [5, 5, 4, 5, 5], [5]) == pytest.approx([40])


def test_after_a_lasting_step_the_forecast_follows_the_new_level() -> None:
    fit = smoothing_fit([2.0] * 10 + [4.0] * 10)
    assert fit.alpha == max(ALPHAS)
    assert fit.level == pytest.approx(4.0, abs=1e-6)


def test_noise_around_a_steady_level_is_smoothed_away() -> None:
    fit = smoothing_fit([1.6, 2.4] * 8)
    assert fit.alpha is not None
    assert fit.alpha <= 0.2  # a calm forecast: one week's surprise moves it little
    assert fit.level == pytest.approx(2.0, abs=0.1)


def test_a_short_history_gives_its_mean_and_no_history_gives_nothing() -> None:
    assert smoothing_fit([1.0, 2.0, 6.0]).level == 3.0
    assert smoothing_fit([1.0, 2.0, 6.0]).alpha is None
    assert series_forecast([], [], [5, 5]) == [0.0, 0.0]


def test_the_backtest_compares_the_forecast_from_before_the_last_weeks_with_what_happened() -> None:
    weeks = mondays(dt.date(2026, 1, 5), 12)
    history = {
        "a": [10.0] * 4 + [12.0, 8.0] + [10.0] * 6,
        "b": [2.0] * 4 + [0.0, 4.0] + [2.0] * 6,
    }
    result = backtest(history, weeks, [5] * 12, test_weeks=8)
    assert result is not None
    assert result.weeks == weeks[4:]
    a, b = result.by_key["a"], result.by_key["b"]
    assert a.forecast == pytest.approx([10.0] * 8)
    assert a.mae == pytest.approx(4 / 8)  # off by 2 in two weeks
    assert a.mape == pytest.approx(100 * (2 / 12 + 2 / 8) / 8)
    # a week without demand has no percentage error: it is left out of the mean
    assert b.mape == pytest.approx(100 * (2 / 4) / 7)
    # the office: 12 a week forecast; 12, 12, 12 … actually (the errors of a and b cancel)
    assert result.overall.forecast == pytest.approx([12.0] * 8)
    assert result.overall.actual == [12.0] * 8
    assert result.overall.mae == 0
    assert result.overall.mape == 0


def test_without_a_week_before_the_test_weeks_there_is_no_backtest() -> None:
    assert backtest({"a": [1.0] * 8}, mondays(dt.date(2026, 1, 5), 8), [5] * 8, test_weeks=8) is None
