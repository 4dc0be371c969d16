"""What-if changes to the plan: staff in a section, a closure, demand. Applied to the counter
time of the calendar (staff, closure) and to the forecast (demand); nothing is stored.

* Staff: ``fte`` full-time equivalents more (or fewer) in a section, for a period or for good.
  The section's scheduled staff work a share of its counter time each; a new colleague is
  assumed to work like the average of them (same counter share per FTE, same mix of services),
  so the section's counter time is scaled by (FTE + change) / FTE. Time already booked stays
  booked: fewer staff first take away free time.
* Closure: a location, a section or the whole office closed from one day to another. Its
  counter time is gone, and the appointments already booked in it need a new one: they join
  the queue on the first day of the simulation.
* Demand: the forecast of new demand raised or lowered by a percentage, for one section or all.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from anlaufstelle.appointments.models.capacity import GRID_MINUTES

from .sources import Calendar


class ScenarioError(Exception):
    """A scenario that cannot be computed; the message says why, in the user's language."""


@dataclass(frozen=True)
class StaffChange:
    section_id: int
    fte: float
    first: dt.date | None = None
    last: dt.date | None = None


@dataclass(frozen=True)
class Closure:
    first: dt.date
    last: dt.date
    section_id: int | None = None
    location_id: int | None = None


@dataclass(frozen=True)
class Scenario:
    staff: StaffChange | None = None
    closure: Closure | None = None
    demand_percent: float = 0.0
    demand_section_id: int | None = None

    @property
    def is_baseline(self) -> bool:
        return self.staff is None and self.closure is None and self.demand_percent == 0

    def demand_factor(self, section_id: int) -> float:
        """What the forecast of new demand of a service of ``section_id`` is multiplied by."""
        if self.demand_section_id is not None and self.demand_section_id != section_id:
            return 1.0
        return 1 + self.demand_percent / 100


BASELINE = Scenario()


def section_fte(calendar: Calendar, section_id: int) -> float:
    """Full-time equivalents of the section's staff who have counter time in the calendar."""
    staff = {
        staff_id
        for row, (staff_id, _location) in enumerate(calendar.rows)
        if section_id in calendar.staff_sections[staff_id] and any(calendar.present[row])
    }
    return sum(calendar.staff_fte[staff_id] for staff_id in staff)


def _days(calendar: Calendar, first: dt.date | None, last: dt.date | None) -> slice:
    start = 0 if first is None else max(0, (first - calendar.first).days)
    stop = calendar.days if last is None else min(calendar.days, (last - calendar.first).days + 1)
    return slice(start, max(start, stop))


def _section_rows(calendar: Calendar, section_id: int) -> list[int]:
    return [
        row for row, (staff_id, _loc) in enumerate(calendar.rows) if section_id in calendar.staff_sections[staff_id]
    ]


def _closed_rows(calendar: Calendar, closure: Closure) -> list[int]:
    return [
        row
        for row, (staff_id, location_id) in enumerate(calendar.rows)
        if (closure.location_id is None or location_id == closure.location_id)
        and (closure.section_id is None or closure.section_id in calendar.staff_sections[staff_id])
    ]


def counter_time(calendar: Calendar, scenario: Scenario) -> tuple[list[list[float]], list[list[float]]]:
    """Counter time and the free part of it per row and day (minutes) under ``scenario``."""
    present: list[list[float]] = [[float(value) for value in row] for row in calendar.present]
    free: list[list[float]] = [[float(value) for value in row] for row in calendar.free]
    change = scenario.staff
    if change is not None and change.fte:
        fte = section_fte(calendar, change.section_id)
        if fte <= 0:
            raise ScenarioError(
                _(
                    "Im gewählten Sachgebiet hat niemand Schalterzeiten; "
                    "eine Änderung des Personals lässt sich nicht verteilen."
                )
            )
        if fte + change.fte < 0:
            raise ScenarioError(
                _(
                    "Im gewählten Sachgebiet sind nur %(fte)s Vollzeitstellen am Schalter eingeplant; "
                    "mehr können nicht wegfallen."
                )
                % {"fte": number_format(fte, decimal_pos=2)}
            )
        days = _days(calendar, change.first, change.last)
        for row in _section_rows(calendar, change.section_id):
            for day in range(days.start, days.stop):
                extra = present[row][day] * change.fte / fte
                present[row][day] += extra
                free[row][day] = max(free[row][day] + extra, 0.0)
    if scenario.closure is not None:
        days = _days(calendar, scenario.closure.first, scenario.closure.last)
        for row in _closed_rows(calendar, scenario.closure):
            present[row][days] = [0.0] * (days.stop - days.start)
            free[row][days] = [0.0] * (days.stop - days.start)
    return present, free


def bookable(calendar: Calendar, scenario: Scenario) -> tuple[list[list[int]], Counter[int]]:
    """Bookable minutes per row and day under ``scenario``, and the booked appointments a
    closure displaces (per service).

    Bookable is the free time less the emergency share still to be held back (the share of each
    shift, rounded to whole cells as the hold job does, less what is already held).
    """
    present, free = counter_time(calendar, scenario)
    result = []
    for row, share in enumerate(calendar.share):
        held = calendar.emergency_held[row]
        result.append(
            [
                int(
                    max(
                        free[row][day]
                        - max(round(present[row][day] / GRID_MINUTES * share) * GRID_MINUTES - held[day], 0),
                        0,
                    )
                )
                for day in range(calendar.days)
            ]
        )
    displaced: Counter[int] = Counter()
    if scenario.closure is not None:
        rows = set(_closed_rows(calendar, scenario.closure))
        days = _days(calendar, scenario.closure.first, scenario.closure.last)
        displaced.update(
            service for row, day, service in calendar.bookings if row in rows and days.start <= day < days.stop
        )
    return result, displaced
