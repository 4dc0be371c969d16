"""What a KPI run looks at: a range of Berlin calendar days and optional section, service, location."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from anlaufstelle.core.scheduling import BERLIN  # the office's wall clock


def berlin_midnight(day: dt.date) -> dt.datetime:
    """The instant (UTC) at which ``day`` begins in Berlin; 23 or 25 hours apart on clock-change days."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=BERLIN).astimezone(dt.UTC)


@dataclass(frozen=True)
class Scope:
    """Days ``first`` to ``last`` (inclusive, Europe/Berlin), narrowed to a section, service, location."""

    first: dt.date
    last: dt.date
    section_id: int | None = None
    service_id: int | None = None
    location_id: int | None = None

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("A period ends on or after the day it begins.")

    @property
    def start(self) -> dt.datetime:
        return berlin_midnight(self.first)

    @property
    def end(self) -> dt.datetime:
        """The first instant after the period (exclusive bound)."""
        return berlin_midnight(self.last + dt.timedelta(days=1))

    @property
    def epochs(self) -> tuple[int, int]:
        """``start`` and ``end`` in seconds since 1970, the unit in which the sources give instants."""
        return int(self.start.timestamp()), int(self.end.timestamp())

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Scope:
        """The period of equal length right before this one, with the same filters."""
        return replace(self, first=self.first - dt.timedelta(days=self.days), last=self.first - dt.timedelta(days=1))

    def with_period(self, first: dt.date, last: dt.date) -> Scope:
        return replace(self, first=first, last=last)
