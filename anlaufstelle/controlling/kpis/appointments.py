"""KPIs of the appointment system: lead time, bookings, cancellations, no-shows, channels,
emergency counter, waiting list and fair allocation."""

from __future__ import annotations

from typing import Any

import polars as pl

from anlaufstelle.appointments.selectors import HOLDING_STATUSES

from .scope import Scope
from .sources import local_day
from .stats import Table, between, mean, median, p90, percent, rows, week_start

# A booking that was confirmed at some point (reserved, offered and expired ones never were).
COUNTED = ("confirmed", "cancelled", "attended", "no_show")
HELD = ("attended", "no_show")
HOLDING = tuple(status.value for status in HOLDING_STATUSES)  # bookings that keep their time
DAY = 86400


def lead_time(snapshots: pl.DataFrame) -> tuple[dict[str, float | None], Table, Table]:
    """Lead time (Terminvorlauf) from the daily snapshots.

    Per service and day the smallest lead time over its locations (a location filter narrows
    the snapshots first); a day without a free slot in the booking window counts as the window
    length plus one day (a lower bound). *Current* is the last recorded day of the period.
    Returns the figures, the series by day (mean and max over services) and the figures by service.
    """
    if snapshots.is_empty():
        empty: dict[str, float | None] = {
            "lead_time_current_mean": None,
            "lead_time_current_max": None,
            "lead_time_period_mean": None,
        }
        return empty, [], []
    per_service = (
        snapshots.with_columns(days=pl.coalesce("lead_days", pl.col("window_days") + 1))
        .group_by("day", "service_id")
        .agg(pl.col("days").min())
    )
    latest = per_service.filter(pl.col("day") == per_service["day"].max())
    by_day = per_service.group_by("day").agg(mean=pl.col("days").mean(), max=pl.col("days").max()).sort("day")
    by_service = (
        per_service.group_by("service_id")
        .agg(
            current=pl.col("days").sort_by("day").last(),
            mean=pl.col("days").mean(),
            max=pl.col("days").max(),
        )
        .sort("current", descending=True)
    )
    figures = {
        "lead_time_current_mean": mean(latest["days"]),
        "lead_time_current_max": float(latest["days"].max()),  # type: ignore[arg-type]
        "lead_time_period_mean": mean(per_service["days"]),
    }
    return figures, rows(by_day), rows(by_service)


def booking_figures(
    bookings: pl.DataFrame, scope: Scope, walk_ins: int
) -> tuple[dict[str, float | None], Table, Table]:
    """Bookings, cancellations, no-show rate, lead time people got, channels, emergency counter.

    * bookings: confirmed-at-some-point bookings made (``created_at``) in the period;
    * cancellations: bookings cancelled (``cancelled_at``) in the period;
    * appointments held: start in the period and attended or missed; no-show rate = missed / held;
    * lead time got: Berlin days from the booking day to the appointment day, of the bookings made;
    * channel shares: bookings made by channel plus walk-in tickets issued, each over their sum;
    * emergency appointments: bookings for the emergency counter starting in the period (not cancelled).
    """
    start, end = scope.epochs
    made = bookings.filter(between("created", start, end) & pl.col("status").is_in(COUNTED))
    starting = bookings.filter(between("starts", start, end))
    held = starting.filter(pl.col("status").is_in(HELD))
    no_shows = held.filter(pl.col("status") == "no_show").height
    cancelled = bookings.filter(between("cancelled", start, end) & (pl.col("status") == "cancelled"))
    got = made.select((local_day("starts") - local_day("created")).dt.total_days().alias("days"))["days"]
    channels = made.group_by("channel").len()
    by_channel: dict[str, int] = dict(zip(channels["channel"].to_list(), channels["len"].to_list(), strict=True))
    total = made.height + walk_ins
    figures: dict[str, float | None] = {
        "bookings": float(made.height),
        "cancellations": float(cancelled.height),
        "appointments_held": float(held.height),
        "no_show_rate": percent(no_shows, held.height),
        "lead_time_got_median": median(got),
        "lead_time_got_p90": p90(got),
        "share_online": percent(by_channel.get("online", 0), total),
        "share_staff": percent(by_channel.get("staff", 0), total),
        "share_requests": percent(by_channel.get("waitlist", 0) + by_channel.get("allocation", 0), total),
        "share_walk_in": percent(walk_ins, total),
        "emergency_appointments": float(
            starting.filter((pl.col("urgency") != "") & pl.col("status").is_in(("confirmed", *HELD))).height
        ),
    }
    channel_table = [
        {"channel": channel, "count": count, "share": percent(count, total)}
        for channel, count in [*sorted(by_channel.items()), ("walk_in", walk_ins)]
    ]
    return figures, channel_table, _by_week(made, held, cancelled)


def _by_week(made: pl.DataFrame, held: pl.DataFrame, cancelled: pl.DataFrame) -> Table:
    def weekly(frame: pl.DataFrame, column: str, name: str, condition: Any = True) -> pl.DataFrame:
        return (
            frame.filter(condition)
            .select(week=week_start(local_day(column)))
            .group_by("week")
            .agg(pl.len().cast(pl.Int64).alias(name))
        )

    parts = [
        weekly(made, "created", "bookings"),
        weekly(cancelled, "cancelled", "cancellations"),
        weekly(held, "starts", "appointments"),
        weekly(held, "starts", "no_shows", pl.col("status") == "no_show"),
    ]
    table = parts[0]
    for part in parts[1:]:
        table = table.join(part, on="week", how="full", coalesce=True)
    return rows(table.fill_null(0).sort("week"))


def holding_hours(bookings: pl.DataFrame, scope: Scope) -> float:
    """Hours of the bookings that start in the period and hold their time (booked hours)."""
    start, end = scope.epochs
    frame = bookings.filter(between("starts", start, end) & pl.col("status").is_in(HOLDING))
    return float((frame["ends"] - frame["starts"]).sum()) / 3600 if frame.height else 0.0


def request_figures(waitlist: pl.DataFrame, allocation: pl.DataFrame, scope: Scope) -> dict[str, float | None]:
    """Waiting list and fair allocation.

    * waiting-list entries: confirmed in the period;
    * median time to an offer: days from confirmation to the offer (the offered booking's
      creation), over the offers made in the period;
    * pending registrations at the end of the period: confirmed before its end, not offered
      before its end, not withdrawn (a withdrawal keeps no date, so withdrawn ones never count).
    """
    start, end = scope.epochs

    def to_offer(frame: pl.DataFrame) -> float | None:
        offered = frame.filter(between("offered", start, end))
        return median((offered["offered"] - offered["confirmed"]) / DAY)

    pending = allocation.filter(
        (pl.col("offered").is_null() | (pl.col("offered") >= end)) & (pl.col("status") != "withdrawn")
    )
    return {
        "waitlist_entries": float(waitlist.filter(between("confirmed", start, end)).height),
        "waitlist_offer_median_days": to_offer(waitlist),
        "allocation_pending": float(pending.height),
        "allocation_offer_median_days": to_offer(allocation),
    }
