"""Lead-time simulation: the booking calendar filled day by day, first come, first served.

A discrete-event simulation on a daily clock. The state is each staff member's bookable minutes
per day (counter time less what bookings and held-back time already take). Each day, before
anyone books, the lead time of every service is read off the calendar as the lead-time job
does at 06:00: days until the first day (not before the service's earliest booking day) on
which someone qualified still has a whole appointment's time. Then the day's requests arrive
one by one and each takes the earliest such day, at the qualified staff member with the most
time left that day. Time only ever gets taken, never given back, so the earliest possible day
of a service never moves back: one pointer per service makes the search linear.

A day's time counts as one block: the simulation does not cut it into slots, so it can place an
appointment where the real calendar has only scattered quarter hours left (its lead times are
therefore a little optimistic on fragmented days).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SimService:
    key: int
    minutes: int  # one appointment
    earliest_days: int  # the earliest day that can be booked, counted from the day of booking
    staff: tuple[int, ...]  # who is qualified for it


@dataclass(frozen=True)
class Request:
    """One person asking for an appointment of ``service``; ``deadline``: the day it is needed by."""

    service: int
    deadline: int | None = None


@dataclass
class SimulationResult:
    lead: dict[int, dict[int, int | None]]  # service -> day -> lead time in days (None: nothing free in the calendar)
    placed: dict[int, list[int]]  # service -> the day of each appointment given, in order of booking
    unplaced: dict[int, int]  # service -> requests for which the calendar had no time left
    deadlines: dict[int, tuple[int, int]] = field(default_factory=dict)  # service -> (met, requests with a deadline)


def simulate(
    *,
    free: Mapping[int, Sequence[int]],
    services: Sequence[SimService],
    arrivals: Mapping[int, Sequence[Request]],
    measure: Iterable[int],
    days: int,
) -> SimulationResult:
    """Run the calendar from day 0 to the last day that has arrivals or is measured.

    ``free``: bookable minutes of each staff member per day (``days`` values each; not changed).
    ``arrivals``: the requests of each day, in the order they book. ``measure``: the days whose
    lead time is recorded (before that day's requests book).
    """
    minutes = {staff: list(values) for staff, values in free.items()}
    for values in minutes.values():
        if len(values) != days:
            raise ValueError("Every staff member needs one value per day of the calendar.")
    by_key = {service.key: service for service in services}
    pointer = {service.key: 0 for service in services}

    def earliest(service: SimService, today: int) -> tuple[int, int] | None:
        """The first day with room for ``service`` booked on ``today``, and who has the most room then."""
        day = max(pointer[service.key], today + service.earliest_days)
        staff = [member for member in service.staff if member in minutes]
        while day < days:
            room = [(minutes[member][day], -member) for member in staff if minutes[member][day] >= service.minutes]
            if room:
                pointer[service.key] = day
                return day, -max(room)[1]
            day += 1
        pointer[service.key] = days
        return None

    measured = set(measure)
    result = SimulationResult(
        lead={service.key: {} for service in services},
        placed={service.key: [] for service in services},
        unplaced={service.key: 0 for service in services},
        deadlines={service.key: (0, 0) for service in services},
    )
    last = max([*measured, *arrivals, -1])
    for today in range(last + 1):
        if today in measured:
            for service in services:
                found = earliest(service, today)
                result.lead[service.key][today] = found[0] - today if found else None
        for request in arrivals.get(today, ()):
            service = by_key[request.service]
            found = earliest(service, today)
            if found is None:
                result.unplaced[service.key] += 1
            else:
                day, member = found
                minutes[member][day] -= service.minutes
                result.placed[service.key].append(day)
            if request.deadline is not None:
                met, total = result.deadlines[service.key]
                on_time = found is not None and found[0] <= request.deadline
                result.deadlines[service.key] = (met + on_time, total + 1)
    return result


def requests_spread(expected: Mapping[int, Mapping[int, float]]) -> dict[int, list[Request]]:
    """Whole requests per day from expected (fractional) counts per service and day.

    Rounding carries over from day to day (after each day, a service has had its cumulative
    expectation rounded half up), so no demand is lost to rounding and none is invented. Within
    a day the services take turns, one request each, so that none books all its requests first.
    """
    emitted: dict[int, int] = {}
    cumulative: dict[int, float] = {}
    per_day: dict[int, dict[int, int]] = {}
    for service in sorted(expected):
        for day in sorted(expected[service]):
            cumulative[service] = cumulative.get(service, 0.0) + expected[service][day]
            count = int(cumulative[service] + 0.5 + 1e-9) - emitted.get(service, 0)
            if count > 0:
                emitted[service] = emitted.get(service, 0) + count
                per_day.setdefault(day, {})[service] = count
    result: dict[int, list[Request]] = {}
    for day, counts in sorted(per_day.items()):
        queue, turn = [], 0
        while any(count > turn for count in counts.values()):
            queue += [Request(service=service) for service in sorted(counts) if counts[service] > turn]
            turn += 1
        result[day] = queue
    return result
