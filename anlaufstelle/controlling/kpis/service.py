"""KPIs of reachability, staffing and satisfaction."""

from __future__ import annotations

import datetime as dt

import polars as pl

from anlaufstelle.appointments.selectors import public_holidays

from ..models import FeedbackResponse
from .scope import BERLIN, Scope
from .sources import local
from .stats import Table, between, mean, median, p90, percent, rows, week_start

QUESTIONS = FeedbackResponse.QUESTIONS


def next_working_days(first: dt.date, last: dt.date, federal_state: str) -> pl.DataFrame:
    """For each day from ``first`` to ``last``: the next working day (Monday to Friday, no public holiday)."""
    holidays = public_holidays(federal_state=federal_state, day_from=first, day_to=last + dt.timedelta(days=20))
    result = []
    day = first
    while day <= last:
        following = day + dt.timedelta(days=1)
        while following.weekday() >= 5 or following in holidays:
            following += dt.timedelta(days=1)
        result.append((day, following))
        day += dt.timedelta(days=1)
    return pl.DataFrame(result, schema={"day": pl.Date, "next_working_day": pl.Date}, orient="row")


def reach_figures(
    callbacks: pl.DataFrame, contact: pl.DataFrame, scope: Scope, *, now: dt.datetime, federal_state: str
) -> dict[str, float | None]:
    """Reachability.

    * callbacks in time: of the callback requests made in the period, the share whose first call
      was made by the same wall-clock time on the next working day (Berlin); a request not yet
      called counts as late once that deadline has passed and is left out before;
    * contact answer time: hours from a contact message's arrival to its answer, of the messages
      that arrived in the period and were answered;
    * open contact messages: arrived in the period, not answered before its end.
    """
    _start, end = scope.epochs
    naive = local("created").dt.replace_time_zone(None)
    deadlines = (
        callbacks.with_columns(created_local=naive)
        .with_columns(day=pl.col("created_local").dt.date())
        .join(next_working_days(scope.first, scope.last, federal_state), on="day", how="left")
        .with_columns(deadline=pl.col("next_working_day").dt.combine(pl.col("created_local").dt.time()))
        .with_columns(attempt_local=local("first_attempt").dt.replace_time_zone(None))
    )
    now_local = now.astimezone(BERLIN).replace(tzinfo=None)
    decided = deadlines.filter(pl.col("first_attempt").is_not_null() | (pl.col("deadline") < now_local))
    in_time = decided.filter(pl.col("attempt_local").is_not_null() & (pl.col("attempt_local") <= pl.col("deadline")))
    answered = contact.filter(pl.col("answered").is_not_null())
    hours = (answered["answered"] - answered["created"]) / 3600
    return {
        "callbacks": float(callbacks.height),
        "callbacks_in_time": percent(in_time.height, decided.height),
        "contact_answer_median": median(hours),
        "contact_answer_p90": p90(hours),
        "contact_open": float(contact.filter(~between("answered", 0, end)).height),
    }


def staffing_figures(
    positions: pl.DataFrame, absences: pl.DataFrame, scope: Scope, *, counter_hours: float, booked_hours: float
) -> dict[str, float | None]:
    """Staffing.

    * budgeted, filled and vacant positions in full-time equivalents (today's state of the
      position plan; a section filter narrows it, service and location do not apply);
    * planned absences: person-days of absences and trainings overlapping the period (Berlin days);
    * counter hours: hours staff are present at the counters by their weekly patterns, less
      public holidays, absences and closures; booked hours: duration of the bookings that start
      in the period and hold their time; utilisation = booked / available.
    """
    budgeted = float(positions["fte"].sum()) if positions.height else 0.0
    filled = float(positions.filter(pl.col("holder_id").is_not_null())["fte"].sum()) if positions.height else 0.0
    start, end = scope.epochs
    clipped = absences.with_columns(
        first=local(pl.max_horizontal("starts", pl.lit(start))).dt.date(),
        last=local(pl.min_horizontal("ends", pl.lit(end)) - 1).dt.date(),
    )
    absence_days = (
        float(clipped.select(((pl.col("last") - pl.col("first")).dt.total_days() + 1).sum()).item())
        if clipped.height
        else 0.0
    )
    return {
        "fte_budgeted": budgeted,
        "fte_filled": filled,
        "fte_vacant": budgeted - filled,
        "absence_days": absence_days,
        "counter_hours": counter_hours,
        "booked_hours": booked_hours,
        "utilisation": percent(booked_hours, counter_hours),
    }


def feedback_figures(responses: pl.DataFrame, invitations: pl.DataFrame) -> tuple[dict[str, float | None], Table]:
    """Satisfaction: mean rating per question (1–5) and over all answered questions; the
    response rate = answers by mail / invitations mailed for visits in the period."""
    answered = sum(int(responses[question].count()) for question in QUESTIONS)
    total = sum(int(responses[question].sum() or 0) for question in QUESTIONS)
    figures: dict[str, float | None] = {
        "feedback_responses": float(responses.height),
        "feedback_response_rate": percent(responses.filter(pl.col("source") == "mail").height, invitations.height),
        "feedback_overall": total / answered if answered else None,
    }
    for question in QUESTIONS:
        figures[f"feedback_{question}"] = mean(responses[question])
    weekly = (
        responses.with_columns(week=week_start(pl.col("day")))
        .group_by("week")
        .agg(
            responses=pl.len().cast(pl.Int64),
            mail=(pl.col("source") == "mail").sum().cast(pl.Int64),
            **{question: pl.col(question).mean() for question in QUESTIONS},
        )
    )
    sent = invitations.with_columns(week=week_start(pl.col("day"))).group_by("week").agg(invitations=pl.len())
    table = weekly.join(sent, on="week", how="full", coalesce=True).sort("week")
    table = table.with_columns(
        responses=pl.col("responses").fill_null(0),
        invitations=pl.col("invitations").fill_null(0).cast(pl.Int64),
        rate=pl.when(pl.col("invitations") > 0).then(100.0 * pl.col("mail") / pl.col("invitations")),
    ).drop("mail")
    return figures, rows(table)
