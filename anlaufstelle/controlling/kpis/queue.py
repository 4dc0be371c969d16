"""KPIs of the queue at the office, from the append-only ticket events."""

from __future__ import annotations

import polars as pl

from .sources import local
from .stats import Table, mean, median, p90, percent, rows

ARRIVAL = ("checked_in", "issued")


def per_ticket(events: pl.DataFrame) -> pl.DataFrame:
    """One row per ticket that arrived (checked in or was issued) in the period.

    * wait (minutes): first call minus the later of arrival and the ticket's ready time (for an
      appointment its start: coming early is not waiting caused by the office);
    * to call (minutes): first call minus arrival, what the estimate shown on arrival foretells
      (for an early appointment it includes the minutes until the appointment, as the estimate does);
    * service (minutes): last "served" minus first "serving";
    * hour: the Berlin hour of arrival.
    """
    at = pl.col("at")
    tickets = (
        events.group_by("ticket_id")
        .agg(
            arrived=at.filter(pl.col("kind").is_in(ARRIVAL)).min(),
            called=at.filter(pl.col("kind") == "called").min(),
            serving=at.filter(pl.col("kind") == "serving").min(),
            served=at.filter(pl.col("kind") == "served").max(),
            no_show=(pl.col("kind") == "no_show").any(),
            ready=pl.col("ready").first(),
            estimate=pl.col("estimate").first(),
            walk_in=pl.col("booking_id").first().is_null(),
        )
        .filter(pl.col("arrived").is_not_null())
    )
    return tickets.with_columns(
        wait=((pl.col("called") - pl.max_horizontal("arrived", "ready")) / 60).clip(lower_bound=0),
        to_call=(pl.col("called") - pl.col("arrived")) / 60,
        service=(pl.col("served") - pl.col("serving")) / 60,
        hour=local("arrived").dt.hour(),
    )


def queue_figures(tickets: pl.DataFrame) -> tuple[dict[str, float | None], Table]:
    """Waiting and service times (median, 90th percentile) overall and by hour of arrival; the
    mean absolute error of the estimate shown on arrival against the actual time from arrival to
    the call; the share of called tickets whose holder never came (no-show at the counter)."""
    with_estimate = tickets.filter(pl.col("estimate").is_not_null() & pl.col("to_call").is_not_null())
    called = tickets.filter(pl.col("called").is_not_null())
    figures = {
        "tickets": float(tickets.height),
        "wait_median": median(tickets["wait"]),
        "wait_p90": p90(tickets["wait"]),
        "service_median": median(tickets["service"]),
        "service_p90": p90(tickets["service"]),
        "estimate_error": mean((with_estimate["estimate"] - with_estimate["to_call"]).abs()),
        "queue_no_show_rate": percent(called.filter(pl.col("no_show")).height, called.height),
    }
    by_hour = (
        tickets.group_by("hour")
        .agg(
            tickets=pl.len().cast(pl.Int64),
            wait_median=pl.col("wait").median(),
            wait_p90=pl.col("wait").quantile(0.9, interpolation="linear"),
            service_median=pl.col("service").median(),
            service_p90=pl.col("service").quantile(0.9, interpolation="linear"),
        )
        .sort("hour")
    )
    return figures, rows(by_hour)


def walk_ins(tickets: pl.DataFrame) -> int:
    return tickets.filter(pl.col("walk_in")).height
