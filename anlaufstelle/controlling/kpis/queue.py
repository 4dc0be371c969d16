"""KPIs of the queue at the office, from the append-only ticket events.

The events become one row per ticket (``per_ticket``), the tickets become daily facts
(``queue_facts``: counts, and each waiting and service time in whole seconds), and the figures
are computed from the facts of the period (``queue_figures``), whether stored or just built.
"""

from __future__ import annotations

import polars as pl

from .sources import local
from .stats import Table, median, p90, percent, rows

ARRIVAL = ("checked_in", "issued")
KEYS = ("day", "hour", "section_id", "service_id", "location_id")
SCHEMA = {
    "day": pl.Date,
    "hour": pl.Int64,
    "section_id": pl.Int64,
    "service_id": pl.Int64,
    "location_id": pl.Int64,
    "tickets": pl.Int64,
    "walk_ins": pl.Int64,
    "called": pl.Int64,
    "called_no_show": pl.Int64,
    "estimates": pl.Int64,
    "estimate_error_seconds": pl.Int64,
    "waits": pl.String,  # whole seconds, comma-separated
    "services": pl.String,
}


def per_ticket(events: pl.DataFrame) -> pl.DataFrame:
    """One row per ticket that arrived (checked in or was issued).

    * wait (seconds): first call minus the later of arrival and the ticket's ready time (for an
      appointment its start: coming early is not waiting caused by the office);
    * to call (seconds): first call minus arrival, what the estimate shown on arrival foretells
      (for an early appointment it includes the time until the appointment, as the estimate does);
    * service (seconds): last "served" minus first "serving";
    * day and hour: the Berlin day and hour of arrival.
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
            section_id=pl.col("section_id").first(),
            service_id=pl.col("service_id").first(),
            location_id=pl.col("location_id").first(),
        )
        .filter(pl.col("arrived").is_not_null())
    )
    return tickets.with_columns(
        wait=(pl.col("called") - pl.max_horizontal("arrived", "ready")).clip(lower_bound=0),
        to_call=pl.col("called") - pl.col("arrived"),
        service=pl.col("served") - pl.col("serving"),
        day=local("arrived").dt.date(),
        hour=local("arrived").dt.hour().cast(pl.Int64),
    )


def _joined(column: str) -> pl.Expr:
    return pl.col(column).drop_nulls().cast(pl.String).str.join(",")


def queue_facts(tickets: pl.DataFrame) -> pl.DataFrame:
    """The tickets summed up per day, hour of arrival, section, service and location."""
    has_estimate = pl.col("estimate").is_not_null() & pl.col("to_call").is_not_null()
    called = pl.col("called").is_not_null()
    facts = tickets.group_by(KEYS).agg(
        tickets=pl.len(),
        walk_ins=pl.col("walk_in").sum(),
        called=called.sum(),
        called_no_show=(called & pl.col("no_show")).sum(),
        estimates=has_estimate.sum(),
        estimate_error_seconds=(pl.col("estimate") * 60 - pl.col("to_call")).abs().filter(has_estimate).sum(),
        waits=_joined("wait"),
        services=_joined("service"),
    )
    return facts.select(pl.col(name).cast(dtype) for name, dtype in SCHEMA.items())


def _minutes(facts: pl.DataFrame, column: str) -> pl.DataFrame:
    """Each time kept in ``column`` as a row (hour, minutes)."""
    return (
        facts.select("hour", pl.col(column).str.split(","))
        .explode(column, empty_as_null=False)
        .select("hour", minutes=pl.col(column).cast(pl.Int64, strict=False) / 60)
        .drop_nulls()
    )


def queue_figures(facts: pl.DataFrame) -> tuple[dict[str, float | None], Table]:
    """Waiting and service times (median, 90th percentile) overall and by hour of arrival; the
    mean absolute error of the estimate shown on arrival against the actual time from arrival to
    the call; the share of called tickets whose holder never came (no-show at the counter)."""
    waits, services = _minutes(facts, "waits"), _minutes(facts, "services")
    estimates = int(facts["estimates"].sum())
    figures = {
        "tickets": float(facts["tickets"].sum()),
        "wait_median": median(waits["minutes"]),
        "wait_p90": p90(waits["minutes"]),
        "service_median": median(services["minutes"]),
        "service_p90": p90(services["minutes"]),
        "estimate_error": int(facts["estimate_error_seconds"].sum()) / 60 / estimates if estimates else None,
        "queue_no_show_rate": percent(int(facts["called_no_show"].sum()), int(facts["called"].sum())),
    }

    def by_hour(times: pl.DataFrame, name: str) -> pl.DataFrame:
        return times.group_by("hour").agg(
            **{
                f"{name}_median": pl.col("minutes").median(),
                f"{name}_p90": pl.col("minutes").quantile(0.9, interpolation="linear"),
            }
        )

    table = (
        facts.group_by("hour")
        .agg(tickets=pl.col("tickets").sum())
        .join(by_hour(waits, "wait"), on="hour", how="left")
        .join(by_hour(services, "service"), on="hour", how="left")
        .sort("hour")
    )
    return figures, rows(table)


def walk_ins(facts: pl.DataFrame) -> int:
    return int(facts["walk_ins"].sum())
