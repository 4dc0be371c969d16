"""Demo step: thirteen weeks of callback requests and contact messages before today.

Requests and messages arrive every day, most on working days. The office works them in its
office hours (working days, 8 to 16 o'clock, no public holidays): most callbacks within one
working day, at the time of day the person asked for, some later, a few forgotten; messages
answered after some hours to a few days. What would fall on today or later is still open.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import TypeVar

from anlaufstelle.appointments.models import Service
from anlaufstelle.appointments.selectors import BERLIN, public_holidays
from anlaufstelle.frontdesk.models import CallbackAttempt, CallbackRequest, ContactMessage, TimeWindow
from anlaufstelle.frontdesk.services.contact import MAX_CALLBACK_ATTEMPTS

from ...models import Role, Tenant, User
from ...tenancy import tenant_context
from ..appointments.plan import HISTORY_DAYS
from ..context import DemoContext
from ..data.appointments import EMAIL_DOMAINS
from ..data.names import NEWCOMER_POOLS
from ..people import FICTIONAL_PHONE_PREFIX
from ..staff import ascii_slug
from ..tenants import MUSTERSTADT

Contact = TypeVar("Contact", CallbackRequest, ContactMessage)
OFFICE_HOURS = (dt.time(8), dt.time(16))
PER_DAY = {"callbacks": ((2, 6), (0, 1)), "messages": ((4, 9), (1, 3))}  # working day, other day
WITHOUT_CONCERN = 0.1  # no concern chosen: the front desk's queue
FORGOTTEN = 0.015  # never called back, never answered
# Working minutes until the first call and until an answer: median and spread (log-normal).
FIRST_CALL = (120.0, 0.9)
NEXT_CALL = (60.0, 400.0)
ANSWER = (420.0, 0.85)
OUTCOMES = {
    CallbackAttempt.Outcome.REACHED: 62,
    CallbackAttempt.Outcome.REACHED_FOLLOW_UP: 16,
    CallbackAttempt.Outcome.NO_ANSWER: 14,
    CallbackAttempt.Outcome.VOICEMAIL: 6,
    CallbackAttempt.Outcome.WRONG_NUMBER: 2,
}
CALLBACK_NOTES = {
    CallbackAttempt.Outcome.REACHED_FOLLOW_UP: "Termin wird per E-Mail angeboten.",
    CallbackAttempt.Outcome.VOICEMAIL: "Auf die Mailbox gesprochen, Rückruf erbeten.",
}
CALLBACK_MESSAGES = (
    "",
    "",
    "Ich finde online keinen Termin, mein Titel läuft bald ab.",
    "Frage zu den Unterlagen für meinen Antrag.",
    "Ich habe einen Brief bekommen und verstehe ihn nicht.",
    "Bitte auf Englisch zurückrufen.",
)
QUESTIONS = (
    "Welche Unterlagen brauche ich, und kann ich den Antrag auch per Post schicken?",
    "Mein Aufenthaltstitel läuft in drei Wochen ab, und ich finde online keinen freien Termin. Was kann ich tun?",
    "Ich habe meinen Antrag vor sechs Wochen abgegeben. Können Sie mir sagen, wie der Stand ist?",
    "Darf ich zu meinem Termin eine Person mitbringen, die für mich übersetzt?",
    "Ich bin umgezogen. Muss ich Ihnen die neue Adresse selbst mitteilen?",
    "Reicht eine Bescheinigung meines Arbeitgebers, oder brauche ich den Arbeitsvertrag im Original?",
    "Mein Pass ist abgelaufen, der neue kommt erst in zwei Monaten. Was gilt bis dahin?",
)
ANSWERS = (
    "Guten Tag,\n\nvielen Dank für Ihre Nachricht. Welche Unterlagen Sie brauchen, steht auf der Seite "
    "Ihres Anliegens im Terminportal. Bitte bringen Sie alles im Original zum Termin mit.\n\n"
    "Mit freundlichen Grüßen\nIhre Ausländerbehörde Musterstadt",
    "Guten Tag,\n\nIhr Antrag ist bei uns eingegangen und wird bearbeitet. Sobald wir weitere Unterlagen "
    "brauchen, schreiben wir Ihnen. Ihr bisheriger Aufenthalt gilt bis zur Entscheidung als erlaubt.\n\n"
    "Mit freundlichen Grüßen\nIhre Ausländerbehörde Musterstadt",
    "Guten Tag,\n\nbitte buchen Sie einen Termin über das Terminportal; jeden Morgen um 7 Uhr werden "
    "zusätzliche Termine für dringende Fälle freigegeben. Sie können sich auch auf die Warteliste setzen.\n\n"
    "Mit freundlichen Grüßen\nIhre Ausländerbehörde Musterstadt",
    "Guten Tag,\n\nja, Sie dürfen eine Person mitbringen, die für Sie übersetzt. Bitte sagen Sie es am "
    "Empfang, dann planen wir etwas mehr Zeit ein.\n\nMit freundlichen Grüßen\nIhre Ausländerbehörde Musterstadt",
)


class _OfficeClock:
    """Working time: office hours on working days (Monday to Friday, no public holiday)."""

    def __init__(self, closed: set[dt.date]) -> None:
        self.closed = closed

    def working(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.closed

    def after(self, moment: dt.datetime, minutes: float) -> dt.datetime:
        """The moment ``minutes`` of working time after ``moment``."""
        local = moment.astimezone(BERLIN)
        day, left = local.date(), minutes
        while True:
            if self.working(day):
                start = max(local, dt.datetime.combine(day, OFFICE_HOURS[0], tzinfo=BERLIN))
                end = dt.datetime.combine(day, OFFICE_HOURS[1], tzinfo=BERLIN)
                available = (end - start).total_seconds() / 60
                if left <= available:
                    return (start + dt.timedelta(minutes=left)).astimezone(dt.UTC)
                left -= max(available, 0.0)
            day += dt.timedelta(days=1)
            local = dt.datetime.combine(day, dt.time.min, tzinfo=BERLIN)

    def in_window(self, moment: dt.datetime, window: str, rng: random.Random) -> dt.datetime:
        """``moment``, or the next time in the morning or afternoon the person asked for."""
        local = moment.astimezone(BERLIN)
        if window == TimeWindow.MORNING and local.hour >= 12:
            return self.after(
                dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time.min, tzinfo=BERLIN),
                rng.uniform(0, 210),
            )
        if window == TimeWindow.AFTERNOON and local.hour < 12:
            return dt.datetime.combine(local.date(), dt.time(12), tzinfo=BERLIN).astimezone(dt.UTC) + dt.timedelta(
                minutes=rng.uniform(0, 210)
            )
        return moment


@dataclass(frozen=True)
class _Office:
    tenant: Tenant
    clock: _OfficeClock
    services: list[Service]
    staff: dict[int | None, list[User]]  # who works the queue of a section (None: the front desk's)
    end: dt.datetime  # of the history

    def concern(self, rng: random.Random) -> Service | None:
        return None if rng.random() < WITHOUT_CONCERN else rng.choice(self.services)

    def worker(self, rng: random.Random, section_id: int | None) -> User:
        return rng.choice(self.staff[section_id] or self.staff[None])


def _writer(rng: random.Random) -> tuple[str, str, str, str]:
    """Name, phone number, e-mail address and language of someone who writes or asks for a call
    (fictional numbers, example domains)."""
    pool = rng.choices([p for _w, p in NEWCOMER_POOLS], [w for w, _p in NEWCOMER_POOLS])[0]
    female = rng.random() < 0.5
    given, family = rng.choice(pool.female if female else pool.male), rng.choice(pool.family)
    if "/" in family:
        family = family.split("/")[female]
    phone = f"{FICTIONAL_PHONE_PREFIX}{rng.randint(0, 999):03d}"
    return (
        f"{given} {family}",
        phone,
        f"{ascii_slug(f'{given}.{family}')}@{rng.choice(EMAIL_DOMAINS)}",
        rng.choice(pool.languages),
    )


def load_contact_history(ctx: DemoContext) -> None:
    """Callback requests with their calls, and contact messages with their answers."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("frontdesk", "contact-history")
    first, today = ctx.today - dt.timedelta(days=HISTORY_DAYS), ctx.today
    with tenant_context(tenant):
        clock = _OfficeClock(
            public_holidays(federal_state=tenant.federal_state, day_from=first, day_to=today + dt.timedelta(days=30))
        )
        office = _Office(
            tenant=tenant,
            clock=clock,
            services=list(Service.objects.filter(is_active=True).order_by("pk")),
            staff=_staff_by_section(),
            end=dt.datetime.combine(today, dt.time.min, tzinfo=BERLIN),  # the history ends at midnight
        )
        callbacks: list[CallbackRequest] = []
        attempts: list[CallbackAttempt] = []
        messages: list[ContactMessage] = []
        day = first
        while day < today:
            for created in _arrivals(rng, clock, day, "callbacks"):
                request, calls = _callback(rng, office, created)
                callbacks.append(request)
                attempts += calls
            messages += [_message(rng, office, created) for created in _arrivals(rng, clock, day, "messages")]
            day += dt.timedelta(days=1)
        _insert_backdated(CallbackRequest, callbacks)
        CallbackAttempt.objects.bulk_create(attempts)  # after the requests: their keys are known now
        _insert_backdated(ContactMessage, messages)
    ctx.count("Rückrufwünsche bis gestern", len(callbacks))
    ctx.count("Kontaktanfragen bis gestern", len(messages))


def _staff_by_section() -> dict[int | None, list[User]]:
    """Who works each section's contact queues (caseworkers), and the front desk's (no section)."""
    staff: dict[int | None, list[User]] = defaultdict(list)
    for user in User.objects.filter(role=Role.CASEWORKER).prefetch_related("sections").order_by("username"):
        for section in user.sections.all():
            staff[section.pk].append(user)
    staff[None] = list(User.objects.filter(role=Role.FRONT_DESK).order_by("username"))
    return staff


def _arrivals(rng: random.Random, clock: _OfficeClock, day: dt.date, kind: str) -> list[dt.datetime]:
    """Arrival times on ``day``: most in the daytime, fewer in the evening and at weekends."""
    working, other = PER_DAY[kind]
    low, high = working if clock.working(day) else other
    moments = []
    for _ in range(rng.randint(low, high)):
        hour = rng.choices(range(7, 23), [2, 5, 8, 8, 7, 5, 6, 6, 5, 4, 3, 3, 3, 2, 2, 1])[0]
        local = dt.datetime.combine(day, dt.time(hour), tzinfo=BERLIN) + dt.timedelta(seconds=rng.randrange(3600))
        moments.append(local.astimezone(dt.UTC))
    return sorted(moments)


def _callback(
    rng: random.Random, office: _Office, created: dt.datetime
) -> tuple[CallbackRequest, list[CallbackAttempt]]:
    """A request and the calls made for it before the history ends, closed as
    ``callback_attempt_record`` closes it."""
    clock = office.clock
    name, phone, _email, language = _writer(rng)
    service = office.concern(rng)
    window = rng.choices(TimeWindow.values, [3, 2, 5])[0]
    request = CallbackRequest(
        tenant=office.tenant,
        section_id=service.section_id if service else None,
        service=service,
        name=name,
        phone=phone,
        language=language,
        window=window,
        message=rng.choice(CALLBACK_MESSAGES),
        created_at=created,
    )
    calls: list[CallbackAttempt] = []
    if rng.random() < FORGOTTEN:
        return request, calls
    moment = clock.in_window(
        clock.after(created, rng.lognormvariate(math.log(FIRST_CALL[0]), FIRST_CALL[1])), window, rng
    )
    while moment < office.end:
        outcome = rng.choices(list(OUTCOMES), list(OUTCOMES.values()))[0]
        calls.append(
            CallbackAttempt(
                tenant=office.tenant,
                request=request,
                at=moment,
                staff=office.worker(rng, request.section_id),
                outcome=outcome,
                note=CALLBACK_NOTES.get(outcome, ""),
            )
        )
        request.first_attempt_at = request.first_attempt_at or moment
        if outcome in CallbackAttempt.REACHED_OUTCOMES:
            request.status = CallbackRequest.Status.DONE
        elif outcome == CallbackAttempt.Outcome.WRONG_NUMBER or len(calls) >= MAX_CALLBACK_ATTEMPTS:
            request.status = CallbackRequest.Status.GIVEN_UP
        if request.status != CallbackRequest.Status.OPEN:
            request.closed_at = moment
            break
        moment = clock.in_window(clock.after(moment, rng.uniform(*NEXT_CALL)), window, rng)
    return request, calls


def _message(rng: random.Random, office: _Office, created: dt.datetime) -> ContactMessage:
    """A message, answered (by e-mail) unless the answer would fall on today or later."""
    name, _phone, email, language = _writer(rng)
    service = office.concern(rng)
    message = ContactMessage(
        tenant=office.tenant,
        section_id=service.section_id if service else None,
        service=service,
        name=name,
        email=email,
        language=language,
        subject=str(service.name) if service else "Allgemeine Frage",
        message=rng.choice(QUESTIONS),
        created_at=created,
    )
    answered = office.clock.after(created, rng.lognormvariate(math.log(ANSWER[0]), ANSWER[1]))
    worker = office.worker(rng, message.section_id)
    if answered < office.end and rng.random() >= FORGOTTEN:
        message.status, message.answered_at = ContactMessage.Status.ANSWERED, answered
        message.answer, message.assigned_to = rng.choice(ANSWERS), worker
    elif rng.random() < 0.5:
        message.status, message.assigned_to = ContactMessage.Status.IN_PROGRESS, worker
    return message


def _insert_backdated(model: type[Contact], rows: list[Contact]) -> None:
    """Insert ``rows`` with the arrival times they carry (``created_at`` is set on insert)."""
    moments = [row.created_at for row in rows]
    model.objects.bulk_create(rows, batch_size=2000)
    for row, moment in zip(rows, moments, strict=True):
        row.created_at = moment
    model.objects.bulk_update(rows, ["created_at"], batch_size=500)
