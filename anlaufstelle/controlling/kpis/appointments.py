"""KPIs of the appointment system: lead time, bookings, cancellations, no-shows, channels,
emergency counter, waiting list and fair allocation."""

from __future__ import annotations

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
        .sort(["current", "service_id"], descending=[True, False])
    )
    figures = {
        "lead_time_current_mean": mean(latest["days"]),
        "lead_time_current_max": float(latest["days"].max()),  # type: ignore[arg-type]
        "lead_time_period_mean": mean(per_service["days"]),
    }
    return figures, rows(by_day), rows(by_service)


KEYS = ("day", "service_id", "location_id", "channel")
SCHEMA = {
    "day": pl.Date,
    "service_id": pl.Int64,
    "location_id": pl.Int64,
    "channel": pl.String,
    "made": pl.Int64,
    "lead_days": pl.String,  # the lead time each booking made that day got, comma-separated
    "cancelled": pl.Int64,
    "held": pl.Int64,
    "no_shows": pl.Int64,
    "emergency": pl.Int64,
    "holding_seconds": pl.Int64,
}


def booking_facts(bookings: pl.DataFrame) -> pl.DataFrame:
    """The bookings summed up per Berlin day, service, location and channel, each on the day
    that counts for it: made (``created_at``, with the lead time got), cancelled
    (``cancelled_at``) and starting (``starts_at``: held, missed, emergency, booked time)."""
    status = pl.col("status")
    made = (
        bookings.filter(status.is_in(COUNTED))
        .with_columns(day=local_day("created"), lead=(local_day("starts") - local_day("created")).dt.total_days())
        .group_by(KEYS)
        .agg(made=pl.len(), lead_days=pl.col("lead").cast(pl.String).str.join(","))
    )
    cancelled = (
        bookings.filter((status == "cancelled") & pl.col("cancelled").is_not_null())
        .with_columns(day=local_day("cancelled"))
        .group_by(KEYS)
        .agg(cancelled=pl.len())
    )
    starting = (
        bookings.with_columns(day=local_day("starts"))
        .group_by(KEYS)
        .agg(
            held=status.is_in(HELD).sum(),
            no_shows=(status == "no_show").sum(),
            emergency=((pl.col("urgency") != "") & status.is_in(("confirmed", *HELD))).sum(),
            holding_seconds=(pl.col("ends") - pl.col("starts")).filter(status.is_in(HOLDING)).sum(),
        )
    )
    facts = made.join(cancelled, on=KEYS, how="full", coalesce=True).join(starting, on=KEYS, how="full", coalesce=True)
    counts = [name for name, dtype in SCHEMA.items() if dtype == pl.Int64 and name not in KEYS]
    facts = facts.with_columns(pl.col(counts).fill_null(0), pl.col("lead_days").fill_null(""))
    facts = facts.filter(pl.sum_horizontal(counts) > 0)  # a reservation that lapsed counts nowhere
    return facts.select(pl.col(name).cast(dtype) for name, dtype in SCHEMA.items())


def booking_figures(facts: pl.DataFrame, walk_ins: int) -> tuple[dict[str, float | None], Table, Table]:
    """Bookings, cancellations, no-show rate, lead time people got, channels, emergency counter.

    * bookings: confirmed-at-some-point bookings made (``created_at``) in the period;
    * cancellations: bookings cancelled (``cancelled_at``) in the period;
    * appointments held: start in the period and attended or missed; no-show rate = missed / held;
    * lead time got: Berlin days from the booking day to the appointment day, of the bookings made;
    * channel shares: bookings made by channel plus walk-in tickets issued, each over their sum;
    * emergency appointments: bookings for the emergency counter starting in the period (not cancelled).
    """
    made, held, no_shows = (int(facts[column].sum()) for column in ("made", "held", "no_shows"))
    got = (
        facts.select(pl.col("lead_days").str.split(","))
        .explode("lead_days", empty_as_null=False)
        .select(pl.col("lead_days").cast(pl.Int64, strict=False))
        .to_series()
    )
    channels = facts.group_by("channel").agg(pl.col("made").sum()).filter(pl.col("made") > 0)
    by_channel: dict[str, int] = dict(zip(channels["channel"].to_list(), channels["made"].to_list(), strict=True))
    total = made + walk_ins
    figures: dict[str, float | None] = {
        "bookings": float(made),
        "cancellations": float(facts["cancelled"].sum()),
        "appointments_held": float(held),
        "no_show_rate": percent(no_shows, held),
        "lead_time_got_median": median(got),
        "lead_time_got_p90": p90(got),
        "share_online": percent(by_channel.get("online", 0), total),
        "share_staff": percent(by_channel.get("staff", 0), total),
        "share_requests": percent(by_channel.get("waitlist", 0) + by_channel.get("allocation", 0), total),
        "share_walk_in": percent(walk_ins, total),
        "emergency_appointments": float(facts["emergency"].sum()),
    }
    channel_table = [
        {"channel": channel, "count": count, "share": percent(count, total)}
        for channel, count in [*sorted(by_channel.items()), ("walk_in", walk_ins)]
    ]
    return figures, channel_table, _by_week(facts)


def _by_week(facts: pl.DataFrame) -> Table:
    weeks = (
        facts.group_by(week=week_start(pl.col("day")))
        .agg(
            bookings=pl.col("made").sum(),
            cancellations=pl.col("cancelled").sum(),
            appointments=pl.col("held").sum(),
            no_shows=pl.col("no_shows").sum(),
        )
        .filter(pl.sum_horizontal("bookings", "cancellations", "appointments") > 0)
    )
    return rows(weeks.sort("week"))


def holding_hours(facts: pl.DataFrame) -> float:
    """Hours of the bookings that start in the period and hold their time (booked hours)."""
    return float(facts["holding_seconds"].sum()) / 3600


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
