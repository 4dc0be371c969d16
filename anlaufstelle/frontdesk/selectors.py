"""Read side of the front desk: rules in force, who can be called where, queue figures and
waiting-time estimates, the call-up display, and the contact queues."""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from anlaufstelle.appointments.models import Booking, BookingStatus, Counter, Location, Service
from anlaufstelle.core.models import Section, User

from .models import (
    OPEN_TICKET_STATUSES,
    CallbackAttempt,
    CallbackRequest,
    ContactMessage,
    CounterSession,
    EventKind,
    QueueRule,
    ServiceDeskRule,
    Ticket,
    TicketEvent,
    TicketStatus,
)

Contact = TypeVar("Contact", CallbackRequest, ContactMessage)

RECENT_SERVICES = 30  # service times averaged for an estimate
RECENT_DAYS = 14
DEFAULT_SERVICE_MINUTES = 15.0


# --- Rules -----------------------------------------------------------------------------------


def default_prefix(section: Section) -> str:
    return (re.sub(r"[^A-Z0-9]", "", section.code.upper()) or "W")[:3]


def queue_rule_for(*, section: Section) -> QueueRule:
    """The section's rule, or the defaults (unsaved) when the lead has not set one."""
    rule = QueueRule.objects.filter(section=section).first()
    return rule or QueueRule(section=section, prefix=default_prefix(section))


def desk_rule_for(*, service: Service) -> ServiceDeskRule | None:
    return ServiceDeskRule.objects.filter(service=service).first()


def walk_in_allowed(*, service: Service, rule: ServiceDeskRule | None) -> bool:
    """With a rule, the rule decides; without, services booked at the desk take walk-ins."""
    if not service.is_active:
        return False
    if rule is not None:
        return rule.walk_in
    return service.booking_mode == Service.BookingMode.DESK


def walk_in_services() -> list[Service]:
    """Active services with walk-in tickets, by section."""
    services = list(Service.objects.filter(is_active=True).select_related("section"))
    rules = {rule.service_id: rule for rule in ServiceDeskRule.objects.all()}
    return [s for s in services if walk_in_allowed(service=s, rule=rules.get(s.pk))]


# --- Who can call whom -----------------------------------------------------------------------


def session_of(*, staff: User) -> CounterSession | None:
    return (
        CounterSession.objects.filter(staff=staff, ended_at__isnull=True)
        .select_related("counter__location", "current_ticket__service", "current_ticket__section")
        .first()
    )


def _skill_condition(*, staff: User, counter: Counter) -> Q:
    """Tickets this staff member may serve: services they are qualified for; without any
    qualification, the sections they belong to (or the counter's section)."""
    through = Service.qualified_staff.through
    skilled = through.objects.filter(user_id=staff.pk)
    if skilled.exists():
        return Q(service_id__in=skilled.values("service_id"))
    sections = list(staff.sections.values_list("pk", flat=True))
    if not sections and counter.section_id:
        sections = [counter.section_id]
    return Q(section_id__in=sections)


def queue_order(queryset: QuerySet[Ticket], *, now: dt.datetime) -> QuerySet[Ticket]:
    """Due tickets first (appointments from their start), then by priority, then by time."""
    due = Case(When(ready_at__lte=now, then=Value(0)), default=Value(1), output_field=IntegerField())
    return queryset.annotate(not_yet_due=due).order_by("not_yet_due", "priority", "ready_at", "pk")


def callable_tickets(*, counter: Counter, staff: User, now: dt.datetime) -> QuerySet[Ticket]:
    """Waiting tickets of today at the counter's location that ``staff`` can serve, in call order."""
    waiting = Ticket.objects.filter(
        location_id=counter.location_id,
        day=timezone.localdate(now),
        status=TicketStatus.WAITING,
    ).filter(_skill_condition(staff=staff, counter=counter))
    return queue_order(waiting, now=now)


# --- Waiting times ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFigures:
    section: Section
    waiting: int
    serving: int
    servers: int
    service_minutes: float
    estimate_minutes: int | None  # for someone who joins now; None while no counter serves it


def _service_minutes(*, location_id: int, section_ids: list[int], now: dt.datetime) -> dict[int, float]:
    """Mean of the most recent service times per section (start to finish)."""
    rows = (
        Ticket.objects.filter(
            location_id=location_id,
            section_id__in=section_ids,
            status=TicketStatus.DONE,
            finished_at__gte=now - dt.timedelta(days=RECENT_DAYS),
            started_at__isnull=False,
        )
        .order_by("-finished_at")
        .values_list("section_id", "started_at", "finished_at")
    )
    samples: dict[int, list[float]] = {}
    for section_id, started, finished in rows.iterator():
        bucket = samples.setdefault(section_id, [])
        if started is not None and finished is not None and len(bucket) < RECENT_SERVICES:
            bucket.append((finished - started).total_seconds() / 60)
    return {section_id: statistics.fmean(values) for section_id, values in samples.items() if values}


def _servers(*, location_id: int) -> dict[int, int]:
    """How many open counter sessions at the location can serve each section."""
    sessions = list(
        CounterSession.objects.filter(counter__location_id=location_id, ended_at__isnull=True).select_related("counter")
    )
    staff_ids = [s.staff_id for s in sessions]
    through = Service.qualified_staff.through
    skilled: dict[int, set[int]] = {}
    for user_id, section_id in through.objects.filter(user_id__in=staff_ids).values_list(
        "user_id", "service__section_id"
    ):
        skilled.setdefault(user_id, set()).add(section_id)
    member: dict[int, set[int]] = {}
    for user_id, section_id in User.sections.through.objects.filter(user_id__in=staff_ids).values_list(
        "user_id", "section_id"
    ):
        member.setdefault(user_id, set()).add(section_id)
    counts: dict[int, int] = {}
    for session in sessions:
        sections = skilled.get(session.staff_id) or member.get(session.staff_id)
        if not sections and session.counter.section_id:
            sections = {session.counter.section_id}
        for section_id in sections or ():
            counts[section_id] = counts.get(section_id, 0) + 1
    return counts


def _estimate(ahead: int, servers: int, minutes: float) -> int | None:
    if servers <= 0:
        return None
    return math.ceil(ahead * minutes / servers)


def queue_overview(*, location: Location, now: dt.datetime | None = None) -> list[QueueFigures]:
    """Per section with tickets or counters today: waiting, being served, open counters,
    mean service time, and the estimated wait for a person who joins now."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    today = Ticket.objects.filter(location=location, day=day)
    waiting: dict[int, int] = {}
    serving: dict[int, int] = {}
    for section_id, status in today.filter(status__in=OPEN_TICKET_STATUSES).values_list("section_id", "status"):
        target = waiting if status == TicketStatus.WAITING else serving
        target[section_id] = target.get(section_id, 0) + 1
    servers = _servers(location_id=location.pk)
    section_ids = sorted(set(waiting) | set(serving) | set(servers))
    minutes = _service_minutes(location_id=location.pk, section_ids=section_ids, now=now)
    sections = Section.objects.in_bulk(section_ids)
    figures = []
    for section_id in section_ids:
        mean = minutes.get(section_id, DEFAULT_SERVICE_MINUTES)
        figures.append(
            QueueFigures(
                section=sections[section_id],
                waiting=waiting.get(section_id, 0),
                serving=serving.get(section_id, 0),
                servers=servers.get(section_id, 0),
                service_minutes=round(mean, 1),
                estimate_minutes=_estimate(waiting.get(section_id, 0), servers.get(section_id, 0), mean),
            )
        )
    return sorted(figures, key=lambda f: f.section.code)


def tickets_ahead(*, ticket: Ticket, now: dt.datetime) -> int:
    """Waiting tickets of the same queue (location, section, day) that will be called first."""
    before = Q(priority__lt=ticket.priority) | Q(priority=ticket.priority, ready_at__lt=ticket.ready_at)
    before |= Q(priority=ticket.priority, ready_at=ticket.ready_at, pk__lt=ticket.pk)
    due_now = ticket.ready_at <= now
    queue = Ticket.objects.filter(
        location_id=ticket.location_id, section_id=ticket.section_id, day=ticket.day, status=TicketStatus.WAITING
    ).exclude(pk=ticket.pk)
    if due_now:  # tickets not yet due (early appointments) come after this one
        return queue.filter(before, ready_at__lte=now).count()
    return queue.filter(before | Q(ready_at__lte=now)).count()


def ticket_wait_estimate(*, ticket: Ticket, now: dt.datetime | None = None) -> tuple[int, int | None]:
    """(tickets ahead, estimated minutes until the call); minutes None while no counter serves."""
    now = now or timezone.now()
    ahead = tickets_ahead(ticket=ticket, now=now)
    servers = _servers(location_id=ticket.location_id).get(ticket.section_id, 0)
    mean = _service_minutes(location_id=ticket.location_id, section_ids=[ticket.section_id], now=now).get(
        ticket.section_id, DEFAULT_SERVICE_MINUTES
    )
    estimate = _estimate(ahead, servers, mean)
    if estimate is not None and ticket.ready_at > now:
        estimate = max(estimate, math.ceil((ticket.ready_at - now).total_seconds() / 60))
    return ahead, estimate


# --- Call-up display -------------------------------------------------------------------------


@dataclass(frozen=True)
class DisplayCall:
    event_id: int
    label: str
    counter: str
    at: dt.datetime
    recall: bool


def display_calls(*, location: Location, now: dt.datetime | None = None, limit: int = 8) -> list[DisplayCall]:
    """The latest calls of today at ``location``, newest first; one line per ticket (a recall
    moves it to the top). Ticket labels and counter numbers only: never personal data."""
    now = now or timezone.now()
    midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(now), dt.time.min))
    events = (
        TicketEvent.objects.filter(
            location=location, kind__in=[EventKind.CALLED, EventKind.RECALLED], at__gte=midnight, at__lte=now
        )
        .order_by("-at", "-pk")
        .values_list("pk", "ticket__prefix", "ticket__number", "counter__number", "at", "kind", "ticket_id")[
            : limit * 4
        ]
    )
    calls: list[DisplayCall] = []
    seen: set[int] = set()
    for pk, prefix, number, counter, at, kind, ticket_id in events:
        if ticket_id in seen:
            continue
        seen.add(ticket_id)
        calls.append(DisplayCall(pk, f"{prefix}{number:03d}", counter or "", at, recall=kind == EventKind.RECALLED))
        if len(calls) == limit:
            break
    return calls


# --- Contact channels ------------------------------------------------------------------------


def sections_of(user: User) -> list[int] | None:
    """The sections whose contact queues ``user`` works; None for all (front desk, lead)."""
    if user.role == "caseworker":
        return list(user.sections.values_list("pk", flat=True))
    return None


def _worked_by(queryset: QuerySet[Contact], user: User) -> QuerySet[Contact]:
    sections = sections_of(user)
    if sections is not None:
        queryset = queryset.filter(section_id__in=sections)
    return queryset.order_by("created_at", "pk")


def callback_queue(*, user: User, status: str = CallbackRequest.Status.OPEN) -> QuerySet[CallbackRequest]:
    """Callback requests in ``status`` that ``user`` works, oldest first."""
    return _worked_by(CallbackRequest.objects.filter(status=status).select_related("section", "service"), user)


def contact_message_queue(*, user: User, status: str = ContactMessage.Status.NEW) -> QuerySet[ContactMessage]:
    """Contact messages in ``status`` that ``user`` works, oldest first."""
    return _worked_by(ContactMessage.objects.filter(status=status).select_related("section", "assigned_to"), user)


def callback_attempts(*, request: CallbackRequest) -> QuerySet[CallbackAttempt]:
    return request.attempts.select_related("staff").order_by("at", "pk")


# --- Desk ------------------------------------------------------------------------------------


def bookings_for_check_in(
    *, location: Location, family_name: str, date_of_birth: dt.date, day: dt.date
) -> list[Booking]:
    """Today's confirmed appointments at ``location`` of people with this family name and birth date."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return list(
        Booking.objects.filter(
            location=location,
            starts_at__gte=start,
            starts_at__lt=start + dt.timedelta(days=1),
            status=BookingStatus.CONFIRMED,
            person__family_name__iexact=" ".join(family_name.split()),
            person__date_of_birth=date_of_birth,
        )
        .select_related("person", "service")
        .order_by("starts_at")
    )
