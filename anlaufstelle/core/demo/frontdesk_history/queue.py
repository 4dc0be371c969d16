"""Demo step: the queue's thirteen weeks before today, as its event log recorded them.

Each working day at each location is played through in memory (see :mod:`.simulation`; the
live services would take minutes for it) and written in bulk:

* people with an appointment check in a few minutes before it; some who missed theirs had
  checked in and were gone when called;
* walk-ins draw tickets in the opening hours (none on the appointments-only Wednesday), most
  of them in the first hours of the morning, for the concerns someone present can serve;
* the caseworkers present sit at counters of their section, the issuing staff (who have no
  appointments) at the issuing counters in the opening hours.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import connection

from anlaufstelle.appointments.models import (
    Booking,
    BookingStatus,
    Counter,
    Location,
    Service,
    WeeklyAvailability,
)
from anlaufstelle.appointments.selectors import BERLIN, GRID, available_cells, public_holidays
from anlaufstelle.frontdesk.models import EventKind, Priority, QueueRule, Ticket, TicketEvent, TicketStatus
from anlaufstelle.frontdesk.selectors import queue_rule_for, walk_in_services

from ...functions import placeholders
from ...i18n import SOURCE_LANGUAGE, column
from ...models import Role, Section, Tenant, User
from ...tenancy import tenant_context
from ..appointments.plan import HISTORY_DAYS
from ..context import DemoContext
from ..data.office import OPENING_HOURS
from ..tenants import MUSTERSTADT
from .simulation import Desk, Shift, Visit, estimates, play

EARLY_MINUTES = (9.0, 6.0)  # arrival before the appointment: mean and spread
CHECKED_IN_NO_SHOWS = 0.15  # of the missed appointments: checked in, gone when called
WALK_IN_GONE = 0.03  # walk-ins who left before their call
EMERGENCY, ASSISTANCE = 0.04, 0.04  # walk-ins in an emergency, people with special needs
# Walk-ins per hour of arrival, and by weekday (Wednesday takes appointments only).
WALK_INS_PER_HOUR = {7: 9.0, 8: 7.0, 9: 5.0, 10: 4.0, 11: 2.5, 13: 3.0, 14: 2.5, 15: 2.0, 16: 1.5, 17: 1.0}
WEEKDAY_FACTOR = {0: 1.2, 1: 1.0, 2: 0.0, 3: 0.95, 4: 0.8}
LAST_TICKET = dt.timedelta(minutes=20)  # before closing
WALK_IN_WEIGHTS = {  # by concern; the others 1
    "Aushändigung des elektronischen Aufenthaltstitels (eAT)": 4.0,
    "Fiktionsbescheinigung": 3.0,
    "Neuer Pass: Aufenthaltstitel übertragen": 1.5,
    "Duldung – Verlängerung (nach Einladung)": 0.4,
}


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=BERLIN).astimezone(dt.UTC)


class _Appointment(NamedTuple):
    pk: int
    service_id: int
    starts: dt.datetime
    status: str
    urgency: str


@dataclass
class _Office:
    """What the history reads once: services, skills, sections, queue rules, front-desk staff, holidays."""

    tenant: Tenant
    first: dt.date
    last: dt.date
    services: dict[int, Service]
    walk_in: list[Service]
    skills: dict[int, frozenset[int]]  # staff id -> services
    member: dict[int, set[int]]  # staff id -> sections
    rules: dict[int, QueueRule]  # section id -> rule
    desk_staff: list[User]
    closed: set[dt.date]
    scheduled: set[int]  # staff with weekly hours for appointments
    issuing: list[int]  # staff without: they serve walk-ins at the desk services only

    @classmethod
    def load(cls, tenant: Tenant, first: dt.date, last: dt.date) -> _Office:
        services = {service.pk: service for service in Service.objects.all()}
        skills: dict[int, set[int]] = defaultdict(set)
        for service_id, user_id in Service.qualified_staff.through.objects.values_list("service_id", "user_id"):
            skills[user_id].add(service_id)
        scheduled = set(WeeklyAvailability.objects.values_list("staff_id", flat=True))
        desk_only = {pk for pk, service in services.items() if service.booking_mode == Service.BookingMode.DESK}
        member: dict[int, set[int]] = defaultdict(set)
        for user_id, section_id in User.sections.through.objects.values_list("user_id", "section_id"):
            member[user_id].add(section_id)
        return cls(
            tenant=tenant,
            first=first,
            last=last,
            services=services,
            walk_in=walk_in_services(),
            skills={staff_id: frozenset(ids) for staff_id, ids in skills.items()},
            member=member,
            rules={section.pk: queue_rule_for(section=section) for section in Section.objects.all()},
            desk_staff=list(User.objects.filter(role=Role.FRONT_DESK).order_by("username")),
            closed=public_holidays(federal_state=tenant.federal_state, day_from=first, day_to=last),
            scheduled=scheduled,
            issuing=sorted(pk for pk, ids in skills.items() if pk not in scheduled and ids <= desk_only),
        )

    @property
    def calls_before_no_show(self) -> dict[int, int]:
        return {section_id: rule.calls_before_no_show for section_id, rule in self.rules.items()}

    def priority(self, section_id: int, *, emergency: bool, assistance: bool, booked: bool) -> int:
        """As the live check-in and ticket issue rank a ticket."""
        rule = self.rules[section_id]
        if emergency and rule.emergency_first:
            return Priority.EMERGENCY
        if assistance and rule.disability_first:
            return Priority.DISABILITY
        return Priority.APPOINTMENT if booked else Priority.NORMAL


def load_queue_history(ctx: DemoContext) -> None:
    """Tickets and their events for every working day of the booking history."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("frontdesk", "history")
    first, last = ctx.today - dt.timedelta(days=HISTORY_DAYS), ctx.today - dt.timedelta(days=1)
    with tenant_context(tenant):
        office = _Office.load(tenant, first, last)
        locations = list(Location.objects.order_by("pk"))
        main = max(locations, key=lambda location: location.emergency_share)
        visits: list[Visit] = []
        for location in locations:
            visits += _location_history(rng, office, location, walk_ins=location == main)
        tickets = _save(rng, office, visits)
    ctx.count("Wartemarken bis gestern", tickets)


def _location_history(rng: random.Random, office: _Office, location: Location, *, walk_ins: bool) -> list[Visit]:
    """Every working day at ``location``, played through in order (estimates use the days before)."""
    presence = available_cells(
        staff_ids=office.scheduled, location=location, day_from=office.first, day_to=office.last, free_only=False
    )
    cells: dict[dt.date, dict[int, set[dt.datetime]]] = defaultdict(lambda: defaultdict(set))
    for staff_id, moments in presence.items():
        for moment in moments:
            cells[moment.astimezone(BERLIN).date()][staff_id].add(moment)
    bookings: dict[dt.date, list[_Appointment]] = defaultdict(list)
    for pk, service_id, starts, status, urgency, staff_id, ends in (
        Booking.objects.filter(
            location=location,
            status__in=[BookingStatus.ATTENDED, BookingStatus.NO_SHOW],
            starts_at__gte=_at(office.first, dt.time.min),
            starts_at__lt=_at(office.last + dt.timedelta(days=1), dt.time.min),
        )
        .order_by("starts_at", "pk")
        .values_list("pk", "service_id", "starts_at", "status", "urgency", "staff_id", "ends_at")
    ):
        day = starts.astimezone(BERLIN).date()
        bookings[day].append(_Appointment(pk, service_id, starts, status, urgency))
        moment = starts
        while moment < ends:  # an appointment is always within its caseworker's presence
            cells[day][staff_id].add(moment)
            moment += GRID
    counters: list[tuple[int, int | None]] = list(
        Counter.objects.filter(location=location).order_by("number").values_list("pk", "section_id")
    )
    log: dict[int, list[tuple[dt.datetime, float]]] = defaultdict(list)  # section -> finished, minutes
    result: list[Visit] = []
    for day in sorted(cells):
        if day.weekday() >= 5 or day in office.closed:
            continue
        hours = _walk_in_hours(day) if walk_ins else []
        shifts = {staff_id: _shifts(day_cells) for staff_id, day_cells in cells[day].items()}
        desks = _desks(office, shifts, counters, issuing=hours)
        visits = [visit for row in bookings[day] if (visit := _booked(rng, office, row))]
        visits = sorted([*visits, *_walk_ins(rng, office, hours, desks)], key=_arrival)
        for order, visit in enumerate(visits):
            visit.order, visit.location_id = order, location.pk
        play(rng, desks, visits, calls_before_no_show=office.calls_before_no_show)
        day_visits = [visit for visit in visits if visit.calls]  # the desk sent the others home
        estimates(day_visits, desks, log)
        result += day_visits
    return result


def _arrival(visit: Visit) -> tuple[dt.datetime, int]:
    return visit.arrived, visit.service.pk


def _walk_in_hours(day: dt.date) -> list[Shift]:
    """The opening hours of ``day`` that take walk-ins (not the appointments-only ones)."""
    return [
        (_at(day, opens), _at(day, closes))
        for weekday, opens, closes, note in OPENING_HOURS
        if weekday == day.weekday() and note != "appointment_only"
    ]


def _shifts(cells: Iterable[dt.datetime]) -> list[Shift]:
    shifts: list[Shift] = []
    for cell in sorted(cells):
        if shifts and shifts[-1][1] == cell:
            shifts[-1] = (shifts[-1][0], cell + GRID)
        else:
            shifts.append((cell, cell + GRID))
    return shifts


def _desks(
    office: _Office,
    shifts: dict[int, list[Shift]],
    counters: list[tuple[int, int | None]],
    *,
    issuing: list[Shift],
) -> list[Desk]:
    """Each caseworker present takes a counter of their section free for their hours (else any
    free one: the campus has fewer counters than caseworkers, who come on different half-days).
    In the opening hours the issuing staff, who have no appointments, sit at the last counters
    of their section (the issuing room)."""
    taken: dict[int, list[Shift]] = defaultdict(list)
    people = [(staff_id, issuing, True) for staff_id in office.issuing if issuing]
    people += [(staff_id, shifts[staff_id], False) for staff_id in sorted(shifts)]
    desks = []
    for staff_id, hours, last in people:
        services = office.skills.get(staff_id, frozenset())
        if not services:
            continue
        span = (hours[0][0], hours[-1][1])
        sections = frozenset(office.services[pk].section_id for pk in services)
        own = office.member.get(staff_id) or sections
        order = list(reversed(counters)) if last else counters
        free = [c for c in order if all(end <= span[0] or span[1] <= start for start, end in taken[c[0]])]
        counter = next((c for c in free if c[1] in own), None) or next((c for c in free if c[1] is None), None)
        if counter is None:
            counter = min(free or counters, key=lambda c: (c[1] not in own, len(taken[c[0]])))
        taken[counter[0]].append(span)
        desks.append(Desk(staff_id, counter[0], hours, services, sections))
    return desks


def _booked(rng: random.Random, office: _Office, appointment: _Appointment) -> Visit | None:
    """An appointment checked in a few minutes early (or a little late); None if missed."""
    booking_id, service_id, starts, status, urgency = appointment
    if status == BookingStatus.NO_SHOW and rng.random() >= CHECKED_IN_NO_SHOWS:
        return None  # never came
    service = office.services[service_id]
    rule = office.rules[service.section_id]
    early = min(max(rng.gauss(*EARLY_MINUTES), 3.0 - rule.late_minutes), float(rule.early_minutes))
    assistance = rng.random() < ASSISTANCE
    return Visit(
        service=service,
        arrived=starts - dt.timedelta(minutes=early),
        ready=starts,
        priority=office.priority(service.section_id, emergency=bool(urgency), assistance=assistance, booked=True),
        booking_id=booking_id,
        emergency=bool(urgency),
        assistance=assistance,
        gone=status == BookingStatus.NO_SHOW,
    )


def _walk_ins(rng: random.Random, office: _Office, hours: list[Shift], desks: list[Desk]) -> list[Visit]:
    """Arrivals in the opening hours, thinned from the busiest hour's rate; a concern nobody
    present can serve gets no ticket (the desk sends the person home)."""
    visits: list[Visit] = []
    if not hours:
        return visits
    factor = WEEKDAY_FACTOR[hours[0][0].astimezone(BERLIN).weekday()]
    top = max(WALK_INS_PER_HOUR.values()) * factor
    if not top:  # Wednesday: appointments only
        return visits
    for moment, closes in hours:
        end = closes - LAST_TICKET
        while (moment := moment + dt.timedelta(hours=rng.expovariate(top))) < end:
            rate = WALK_INS_PER_HOUR.get(moment.astimezone(BERLIN).hour, 0.0) * factor
            if rng.random() >= rate / top:
                continue
            services = [s for s in office.walk_in if any(s.pk in d.services and d.covers(moment) for d in desks)]
            if not services:
                continue
            weights = [WALK_IN_WEIGHTS.get(getattr(s, column("name", SOURCE_LANGUAGE)), 1.0) for s in services]
            (service,) = rng.choices(services, weights)
            emergency = rng.random() < EMERGENCY
            assistance = not emergency and rng.random() < ASSISTANCE
            priority = office.priority(service.section_id, emergency=emergency, assistance=assistance, booked=False)
            visits.append(
                Visit(
                    service=service,
                    arrived=moment,
                    ready=moment,
                    priority=priority,
                    emergency=emergency,
                    assistance=assistance,
                    gone=rng.random() < WALK_IN_GONE,
                )
            )
    return visits


# --- Writing it down --------------------------------------------------------------------------


def _save(rng: random.Random, office: _Office, visits: list[Visit]) -> int:
    """Tickets numbered per location, day and letter in order of issue, then their events."""
    visits.sort(key=lambda v: (v.arrived, v.location_id, v.order))
    numbers: dict[tuple[int, dt.date, str], int] = defaultdict(int)
    tickets = []
    for visit in visits:
        day = visit.arrived.astimezone(BERLIN).date()
        prefix = office.rules[visit.section_id].prefix
        numbers[(visit.location_id, day, prefix)] += 1
        tickets.append(
            Ticket(
                tenant=office.tenant,
                location_id=visit.location_id,
                section_id=visit.section_id,
                service=visit.service,
                booking_id=visit.booking_id,
                day=day,
                prefix=prefix,
                number=numbers[(visit.location_id, day, prefix)],
                priority=visit.priority,
                emergency=visit.emergency,
                assistance=visit.assistance,
                status=TicketStatus.NO_SHOW if visit.gone else TicketStatus.DONE,
                calls=len(visit.calls),
                issued_at=visit.arrived,
                ready_at=visit.ready,
                called_at=visit.calls[-1],
                started_at=visit.serving,
                finished_at=visit.finished,
                counter_id=visit.counter_id,
                staff_id=visit.server_id,
                estimate_minutes=visit.estimate,
            )
        )
    Ticket.objects.bulk_create(tickets, batch_size=2000)
    _insert_events(
        [event for ticket, visit in zip(tickets, visits, strict=True) for event in _events(rng, office, ticket, visit)]
    )
    return len(tickets)


EVENT_FIELDS = ("tenant", "ticket", "kind", "at", "location", "section", "counter", "staff", "details")


def _events(rng: random.Random, office: _Office, ticket: Ticket, visit: Visit) -> list[tuple[Any, ...]]:
    """The ticket's log (values of EVENT_FIELDS), as the live services write it: arrival at the
    desk, calls at the counter, then serving and served, or no-show."""
    receptionist = rng.choice(office.desk_staff).pk if office.desk_staff else None
    where = (visit.location_id, visit.section_id)

    def at_counter(kind: EventKind, at: dt.datetime, **details: Any) -> tuple[Any, ...]:
        return (office.tenant.pk, ticket.pk, kind.value, at, *where, visit.counter_id, visit.server_id, details)

    log: list[tuple[Any, ...]]
    if visit.booking_id is None:
        log = [(office.tenant.pk, ticket.pk, EventKind.ISSUED.value, visit.arrived, *where, None, receptionist, {})]
    else:
        early = {"minutes_early": round((visit.ready - visit.arrived).total_seconds() / 60)}
        arrival = (EventKind.CHECKED_IN.value, visit.arrived, *where, None, receptionist, early)
        log = [(office.tenant.pk, ticket.pk, *arrival)]
    log.append(at_counter(EventKind.CALLED, visit.calls[0]))
    log += [at_counter(EventKind.RECALLED, at, call=number) for number, at in enumerate(visit.calls[1:], start=2)]
    assert visit.finished is not None
    if visit.serving is None:
        log.append(at_counter(EventKind.NO_SHOW, visit.finished))
    else:
        log += [at_counter(EventKind.SERVING, visit.serving), at_counter(EventKind.SERVED, visit.finished)]
    return log


def _insert_events(rows: list[tuple[Any, ...]]) -> None:
    """One prepared INSERT for all events. bulk_create would build a model instance and prepare
    each value through its field for tens of thousands of rows: seconds at every load. Keys and
    text go in as they are, the time and the JSON details through their adapters."""
    meta, quote = TicketEvent._meta, connection.ops.quote_name
    by_name = {field.name: field for field in meta.concrete_fields}
    fields = [by_name[name] for name in EVENT_FIELDS]
    columns = ", ".join(quote(field.get_attname_column()[1]) for field in fields)
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders(fields)})"  # noqa: S608
    at, details = EVENT_FIELDS.index("at"), EVENT_FIELDS.index("details")
    prepare_details = by_name["details"].get_db_prep_save
    values = []
    for row in rows:
        value = list(row)
        value[at] = connection.ops.adapt_datetimefield_value(row[at])
        value[details] = prepare_details(row[details], connection)
        values.append(value)
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
