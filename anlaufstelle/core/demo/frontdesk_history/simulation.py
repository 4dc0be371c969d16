"""One day at the counters of a location, played through in memory.

The caseworkers present call as the live queue orders (``frontdesk.selectors.callable_tickets``):
due tickets they are qualified for first, then by priority and time; early arrivals when nobody
is due. Serving takes about four fifths of the booked time, with a spread and now and then a
complicated case, and each case needs a few minutes of file notes afterwards, so full mornings
run late. Each ticket keeps the estimate the live front desk would have shown at its arrival.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
import random
import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from anlaufstelle.appointments.models import Service
from anlaufstelle.appointments.selectors import GRID
from anlaufstelle.frontdesk.selectors import DEFAULT_SERVICE_MINUTES, RECENT_DAYS, RECENT_SERVICES

SERVICE_SHARE, SERVICE_SPREAD = 0.8, 0.25  # service time, of the booked duration
COMPLEX = (0.07, 1.3, 1.8)  # share of cases that take much longer, and by how much
RECALLED = 0.06  # came only at the second call
PATIENCE = dt.timedelta(minutes=15)  # a walk-in who leaves does so after waiting this long
SIGN_IN = dt.timedelta(minutes=10)  # counters open before the first shift begins
RECENT = dt.timedelta(days=RECENT_DAYS)  # the service times the live estimate averages
Shift = tuple[dt.datetime, dt.datetime]


def _minutes(rng: random.Random, low: float, high: float) -> dt.timedelta:
    return dt.timedelta(minutes=rng.uniform(low, high))


@dataclass(eq=False)
class Visit:
    """One ticket in the making."""

    service: Service
    arrived: dt.datetime
    ready: dt.datetime
    priority: int
    booking_id: int | None = None
    emergency: bool = False
    assistance: bool = False
    gone: bool = False  # not there when called
    order: int = 0  # order of issue (the primary key in the live queue)
    location_id: int = 0
    calls: list[dt.datetime] = field(default_factory=list)
    counter_id: int | None = None
    server_id: int | None = None
    serving: dt.datetime | None = None
    finished: dt.datetime | None = None
    estimate: int | None = None

    @property
    def section_id(self) -> int:
        return self.service.section_id

    def waiting_at(self, moment: dt.datetime, other: Visit) -> bool:
        """Whether this ticket is in the queue when ``other`` is issued at ``moment``."""
        issued = self.arrived < moment or (self.arrived == moment and self.order < other.order)
        return issued and (not self.calls or self.calls[0] > moment)


@dataclass(eq=False)
class Desk:
    """A caseworker at a counter for one day."""

    staff_id: int
    counter_id: int
    shifts: list[Shift]
    services: frozenset[int]
    sections: frozenset[int]

    def shift_at(self, moment: dt.datetime) -> Shift | None:
        """The shift begun last at ``moment`` (running, or over and not followed by another)."""
        return next((shift for shift in reversed(self.shifts) if shift[0] <= moment), None)

    def covers(self, moment: dt.datetime) -> bool:
        """Someone arriving at ``moment`` will be served: the shift is on or begins soon."""
        return any(start - 4 * SIGN_IN <= moment < end - GRID for start, end in self.shifts)

    def is_open(self, moment: dt.datetime) -> bool:
        return self.shifts[0][0] - SIGN_IN <= moment <= self.shifts[-1][1]


def play(
    rng: random.Random, desks: list[Desk], visits: list[Visit], *, calls_before_no_show: Mapping[int, int]
) -> None:
    """Each desk acts when it is free: calls the next person it may serve, or waits for the next
    moment something changes (an arrival, its next shift). Desks act in time order, so the
    queue holds exactly who has arrived by then."""
    arrivals = iter(visits)  # by arrival
    coming = next(arrivals, None)
    waiting: list[Visit] = []
    queue = [(desk.shifts[0][0] + _minutes(rng, 0, 4), index) for index, desk in enumerate(desks)]
    heapq.heapify(queue)
    while queue:
        moment, index = heapq.heappop(queue)
        while coming is not None and coming.arrived <= moment:
            waiting.append(coming)
            coming = next(arrivals, None)
        desk = desks[index]
        visit = _next_visit(desk, waiting, moment)
        if visit is not None:
            waiting.remove(visit)
            heapq.heappush(queue, (_serve(rng, desk, visit, moment, calls_before_no_show[visit.section_id]), index))
        elif (following := _next_moment(desk, visits, moment)) is not None:
            heapq.heappush(queue, (following, index))


def _next_visit(desk: Desk, waiting: list[Visit], moment: dt.datetime) -> Visit | None:
    """The live call order: due tickets first, then by priority and time. After a shift the
    desk still serves who came before its end."""
    shift = desk.shift_at(moment)
    if shift is None:
        return None
    end = shift[1]
    candidates = [v for v in waiting if v.service.pk in desk.services and v.arrived < end and v.ready < end]
    return min(candidates, key=lambda v: (v.ready > moment, v.priority, v.ready, v.order), default=None)


def _next_moment(desk: Desk, visits: list[Visit], moment: dt.datetime) -> dt.datetime | None:
    """When this idle desk may next have someone to call; None when its day is over."""
    times = [start for start, _end in desk.shifts if start > moment]
    last_end = desk.shifts[-1][1]
    upcoming = (v.arrived for v in visits if v.arrived > moment and not v.calls and v.service.pk in desk.services)
    if (arrival := next(upcoming, None)) is not None and arrival < last_end:
        times.append(arrival)
    return min(times, default=None)


def _serve(rng: random.Random, desk: Desk, visit: Visit, moment: dt.datetime, calls: int) -> dt.datetime:
    """Call ``visit`` at ``moment`` (``calls`` times if the person is gone); returns when the desk
    is free again."""
    visit.counter_id, visit.server_id = desk.counter_id, desk.staff_id
    visit.calls.append(moment)
    if visit.gone and visit.booking_id is None and moment - visit.arrived < PATIENCE:
        visit.gone = False  # called soon enough: still there
    if visit.gone:
        for _call in range(calls - 1):
            visit.calls.append(visit.calls[-1] + _minutes(rng, 1.5, 3))
        visit.finished = visit.calls[-1] + _minutes(rng, 1.5, 3)
        return visit.finished + _minutes(rng, 0.5, 1.5)
    if rng.random() < RECALLED:
        visit.calls.append(moment + _minutes(rng, 1.5, 3))
    booked = visit.service.duration_minutes
    minutes = rng.gauss(booked * SERVICE_SHARE, booked * SERVICE_SPREAD)
    if rng.random() < COMPLEX[0]:
        minutes *= rng.uniform(*COMPLEX[1:])
    visit.serving = visit.calls[-1] + _minutes(rng, 0.5, 3)
    visit.finished = visit.serving + dt.timedelta(minutes=max(3.0, minutes))
    return visit.finished + _minutes(rng, 2, 4 + booked * 0.2)  # the file notes


def estimates(visits: list[Visit], desks: list[Desk], log: dict[int, list[tuple[dt.datetime, float]]]) -> None:
    """Each ticket's estimate as the live front desk gives it at arrival
    (``frontdesk.selectors.ticket_wait_estimate``): the tickets ahead in the section's queue
    times the mean of its latest service times, over the counters open for the section; for an
    early appointment at least the minutes until it. ``log`` holds the service times of the days
    before (finished, minutes; per section) and gets this day's."""
    by_section: dict[int, list[Visit]] = defaultdict(list)
    for visit in sorted(visits, key=lambda v: v.order):
        by_section[visit.section_id].append(visit)
    for section_id, queue in by_section.items():
        finished = log[section_id]
        finished += sorted(
            (v.finished, (v.finished - v.serving).total_seconds() / 60) for v in queue if v.serving and v.finished
        )
        times = [moment for moment, _minutes in finished]
        for index, visit in enumerate(queue):
            now = visit.arrived
            servers = sum(1 for desk in desks if section_id in desk.sections and desk.is_open(now))
            if not servers:
                continue  # no counter open yet: the live desk shows no estimate either
            position = bisect.bisect_left(times, now)
            window = finished[max(0, position - RECENT_SERVICES) : position]
            recent = [minutes for moment, minutes in window if now - moment <= RECENT]
            mean = statistics.fmean(recent) if recent else DEFAULT_SERVICE_MINUTES
            ahead = sum(1 for other in queue[:index] if other.waiting_at(now, visit) and _ahead(other, visit, now))
            estimate = math.ceil(ahead * mean / servers)
            if visit.ready > now:
                estimate = max(estimate, math.ceil((visit.ready - now).total_seconds() / 60))
            visit.estimate = estimate


def _ahead(other: Visit, visit: Visit, now: dt.datetime) -> bool:
    """``frontdesk.selectors.tickets_ahead`` for one other ticket."""
    before = (other.priority, other.ready, other.order) < (visit.priority, visit.ready, visit.order)
    if visit.ready <= now:
        return before and other.ready <= now
    return before or other.ready <= now
