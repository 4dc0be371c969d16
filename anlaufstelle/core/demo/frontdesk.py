"""Demo step: a live-looking day at the front desk of Musterstadt's main building.

Queue rules per section (ticket letters A, B, C, …), caseworkers signed in at their counters,
and the last two and a half hours of the day played through the real services minute by minute:
booked people check in before their appointment, walk-ins draw tickets, counters call, serve
and finish, a few people never come. The scene stops at the present moment, whatever the
hour (the demo office never closes): some people are waiting, some are called, some are at a
counter, the display has its history, and the estimates have service times to work with.
A few callback requests and contact messages wait in their queues.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from anlaufstelle.appointments.models import Booking, BookingStatus, Counter, Location, Service
from anlaufstelle.appointments.selectors import BERLIN
from anlaufstelle.frontdesk.models import (
    CallbackRequest,
    ContactMessage,
    CounterSession,
    QueueRule,
    ServiceDeskRule,
    Ticket,
    TicketStatus,
)
from anlaufstelle.frontdesk.selectors import walk_in_services
from anlaufstelle.frontdesk.services import (
    FrontdeskError,
    counter_sign_in,
    ticket_call_next,
    ticket_check_in,
    ticket_finish,
    ticket_issue,
    ticket_no_show,
    ticket_recall,
    ticket_start,
)

from ..i18n import SOURCE_LANGUAGE, column
from ..models import Role, Section, User
from ..tenancy import tenant_context
from .context import DemoContext
from .tenants import MUSTERSTADT

SCENE_MINUTES = 150
DEMO_CUTOFF = dt.time(23, 30)
WALK_INS_PER_HOUR = 30
RUSH = 14  # walk-ins in the last minutes of the scene: a queue has built up right now
NO_SHOW_SHARE = 0.06
LETTERS = "ABCDEFGH"
WALK_IN = ("Fiktionsbescheinigung", "Neuer Pass: Aufenthaltstitel übertragen")


@dataclass
class _Counter:
    counter: Counter
    staff: User
    skills: set[int]  # service ids
    ticket: Ticket | None = None
    starts_at: dt.datetime | None = None  # when the called person arrives (None: never)
    ends_at: dt.datetime | None = None


@dataclass
class _Scene:
    rng: random.Random
    location: Location
    desk: User
    counters: list[_Counter] = field(default_factory=list)
    tickets: int = 0
    waiting: dict[int, int] = field(default_factory=dict)  # service id -> tickets waiting

    def wait(self, service_id: int, change: int) -> None:
        self.waiting[service_id] = self.waiting.get(service_id, 0) + change


def _scene_times(today: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
    """The scene ends now (11:00 for a demo generated for another day) and covers the
    last SCENE_MINUTES since midnight: the demo looks alive whenever it is opened."""
    now = timezone.now() if timezone.localdate() == today else dt.datetime.combine(today, dt.time(11), tzinfo=BERLIN)
    end = now.astimezone(BERLIN).replace(second=0, microsecond=0)
    start = max(end - dt.timedelta(minutes=SCENE_MINUTES), dt.datetime.combine(today, dt.time(0, 1), tzinfo=BERLIN))
    if end - start < dt.timedelta(minutes=20):
        return None
    return start, end


def _rules(sections: list[Section]) -> None:
    QueueRule.objects.bulk_create(
        # The demo office takes walk-ins until late, so that the demo looks alive at any hour.
        QueueRule(tenant=section.tenant, section=section, prefix=LETTERS[index], walk_in_cutoff=DEMO_CUTOFF)
        for index, section in enumerate(sorted(sections, key=lambda s: s.code))
    )


def _sign_in(scene: _Scene, start: dt.datetime) -> None:
    """One skilled caseworker per section counter of the main building (sb1 among them)."""
    taken: set[int] = set()
    skills: dict[int, set[int]] = {}
    for service_id, user_id in Service.qualified_staff.through.objects.values_list("service_id", "user_id"):
        skills.setdefault(user_id, set()).add(service_id)
    qualified = set(skills)
    caseworkers = list(
        User.objects.filter(role=Role.CASEWORKER, pk__in=qualified).prefetch_related("sections").order_by("username")
    )
    for counter in Counter.objects.filter(location=scene.location, section__isnull=False).order_by("number"):
        staff = next(
            (u for u in caseworkers if u.pk not in taken and counter.section_id in {s.pk for s in u.sections.all()}),
            None,
        )
        if staff is None:
            continue
        taken.add(staff.pk)
        counter_sign_in(counter=counter, staff=staff, now=start - dt.timedelta(minutes=scene.rng.randint(5, 25)))
        scene.counters.append(_Counter(counter=counter, staff=staff, skills=skills[staff.pk]))


def _arrivals(scene: _Scene, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, Booking | Service]]:
    """Check-ins of today's appointments (most a little early) and walk-ins through the scene."""
    arrivals: list[tuple[dt.datetime, Booking | Service]] = []
    bookings = Booking.objects.filter(
        location=scene.location,
        status=BookingStatus.CONFIRMED,
        starts_at__gte=start + dt.timedelta(minutes=10),
        starts_at__lt=end + dt.timedelta(minutes=25),
    ).select_related("service__section")
    for booking in bookings:
        if scene.rng.random() < NO_SHOW_SHARE:
            continue  # never comes
        arrives = booking.starts_at - dt.timedelta(minutes=scene.rng.randint(-8, 25))
        if start <= arrives <= end:
            arrivals.append((arrives, booking))
    served = [service_id for place in scene.counters for service_id in place.skills]
    services = [s for s in walk_in_services() if s.pk in served]
    weights = [served.count(s.pk) for s in services]  # as many walk-ins as the counters can take
    minutes = int((end - start).total_seconds() // 60)
    for _ in range(round(WALK_INS_PER_HOUR * minutes / 60) if services else 0):
        service = scene.rng.choices(services, weights)[0]
        arrivals.append((start + dt.timedelta(minutes=scene.rng.randrange(minutes)), service))
    for _ in range(RUSH if services else 0):
        service = scene.rng.choices(services, weights)[0]
        arrivals.append((end - dt.timedelta(minutes=scene.rng.randrange(12)), service))
    return sorted(arrivals, key=lambda item: (item[0], str(item[1])))


def _arrive(scene: _Scene, item: Booking | Service, moment: dt.datetime) -> None:
    try:
        if isinstance(item, Booking):
            ticket = ticket_check_in(booking=item, location=scene.location, actor=scene.desk, now=moment)
        else:
            emergency = scene.rng.random() < 0.05
            ticket = ticket_issue(
                location=scene.location,
                service=item,
                actor=scene.desk,
                emergency=emergency,
                assistance=scene.rng.random() < 0.04,
                now=moment,
            )
        scene.tickets += 1
        scene.wait(ticket.service_id, 1)
    except FrontdeskError:
        pass  # e.g. after the cut-off: the desk sends the person home, as in real life


def _work(scene: _Scene, place: _Counter, moment: dt.datetime) -> None:
    """One minute at one counter: finish, let the called person arrive, recall, or call next."""
    rng, counter, staff = scene.rng, place.counter, place.staff
    ticket = place.ticket
    if ticket is not None and ticket.status == TicketStatus.SERVING and place.ends_at and moment >= place.ends_at:
        ticket_finish(ticket=ticket, counter=counter, actor=staff, now=moment)
        place.ticket = None
        return
    if ticket is not None and ticket.status == TicketStatus.CALLED:
        if place.starts_at is not None and moment >= place.starts_at:
            place.ticket = ticket_start(ticket=ticket, counter=counter, actor=staff, now=moment)
            place.ends_at = moment + dt.timedelta(
                minutes=max(4, round(rng.gauss(ticket.service.duration_minutes * 0.6, 5)))
            )
        elif place.starts_at is None and ticket.called_at and moment - ticket.called_at >= dt.timedelta(minutes=2):
            try:
                ticket_no_show(ticket=ticket, counter=counter, actor=staff, now=moment)
                place.ticket = None
            except FrontdeskError:  # not called often enough yet
                place.ticket = ticket_recall(ticket=ticket, counter=counter, actor=staff, now=moment)
        return
    if ticket is None and rng.random() < 0.8:  # a short pause between two people now and then
        if not any(scene.waiting.get(service_id) for service_id in place.skills):
            return
        called = ticket_call_next(counter=counter, actor=staff, now=moment)
        if called is not None:
            scene.wait(called.service_id, -1)
            place.ticket = called
            place.starts_at = None if rng.random() < 0.04 else moment + dt.timedelta(minutes=rng.randint(1, 3))
            place.ends_at = None


def _last_calls(scene: _Scene, moment: dt.datetime, calls: int = 2) -> None:
    """Right now, two counters have just called someone who is still on the way: the display and
    the workstations show calls in every demo, whatever the random day left at its end."""
    idle = [place for place in scene.counters if place.ticket is None]
    for place in idle[:calls]:
        called = ticket_call_next(counter=place.counter, actor=place.staff, now=moment)
        if called is None:  # nobody waiting for this counter: someone comes in at this moment
            service = Service.objects.filter(pk__in=place.skills).order_by("pk").first()
            if service is None:
                continue
            ticket_issue(location=scene.location, service=service, actor=scene.desk, emergency=True, now=moment)
            scene.tickets += 1
            called = ticket_call_next(counter=place.counter, actor=place.staff, now=moment)
        place.ticket = called


def _contact_queues(ctx: DemoContext, rng: random.Random) -> None:
    services = list(Service.objects.filter(is_active=True).select_related("section"))
    names = ["Amina Haddad", "Oleksandr Kovalenko", "Mehmet Yılmaz", "Farzaneh Rahimi", "Priya Nair", "Olga Smirnova"]
    languages = ["ar", "uk", "tr", "fa", "en", "ru"]
    requests = []
    for index in range(9):
        service = rng.choice(services)
        requests.append(
            CallbackRequest(
                tenant=ctx.tenants[MUSTERSTADT],
                section=service.section,
                service=service,
                name=names[index % len(names)],
                phone=f"+49 170 5550{rng.randint(100, 999)}",  # fictional
                language=languages[index % len(languages)],
                window=rng.choice(["morning", "afternoon", "any"]),
            )
        )
    CallbackRequest.objects.bulk_create(requests)
    messages = []
    for index in range(6):
        service = rng.choice(services)
        messages.append(
            ContactMessage(
                tenant=ctx.tenants[MUSTERSTADT],
                section=service.section,
                service=service,
                name=names[index % len(names)],
                email=f"kontakt{index}@example.org",
                language=languages[index % len(languages)],
                subject=str(service.name),
                message="Welche Unterlagen brauche ich, und kann ich den Antrag auch per Post schicken?",
                status=ContactMessage.Status.IN_PROGRESS if index == 0 else ContactMessage.Status.NEW,
            )
        )
    ContactMessage.objects.bulk_create(messages)
    ctx.count("Rückrufwünsche", len(requests))
    ctx.count("Kontaktanfragen", len(messages))


def load_frontdesk_day(ctx: DemoContext) -> None:
    """Queue rules, and today's front desk as it looks right now."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("frontdesk", "day")
    with tenant_context(tenant):
        sections = list(Section.objects.all())
        _rules(sections)
        # Desk-only services, and the quick ones the office serves without appointment too.
        walk_in = Q(booking_mode=Service.BookingMode.DESK) | Q(**{f"{column('name', SOURCE_LANGUAGE)}__in": WALK_IN})
        ServiceDeskRule.objects.bulk_create(
            ServiceDeskRule(tenant=tenant, service=service, walk_in=True, max_tickets_per_day=40)
            for service in Service.objects.filter(walk_in)
        )
        _contact_queues(ctx, rng)
        times = _scene_times(ctx.today)
        location = max(Location.objects.all(), key=lambda loc: loc.emergency_share)
        desk = User.objects.filter(role=Role.FRONT_DESK).order_by("username").first()
        if times is None or desk is None:
            ctx.count("Wartemarken heute", 0)
            return
        start, end = times
        scene = _Scene(rng=rng, location=location, desk=desk)
        _sign_in(scene, start)
        arrivals = _arrivals(scene, start, end)
        moment, index = start, 0
        while moment <= end:
            while index < len(arrivals) and arrivals[index][0] <= moment:
                _arrive(scene, arrivals[index][1], arrivals[index][0])
                index += 1
            for place in scene.counters:
                _work(scene, place, moment)
            moment += dt.timedelta(minutes=1)
        _last_calls(scene, end)
        ctx.count("Schalter besetzt", CounterSession.objects.filter(ended_at__isnull=True).count())
    ctx.count("Wartemarken heute", scene.tickets)
