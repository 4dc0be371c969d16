"""Demo steps: the appointment system of the office – what it offers, its past and its calendar.

Three steps: the capacity (locations, counters, services, who works where and when, absences),
thirteen weeks of history (attended, missed and cancelled appointments), and the next four
weeks (filled more densely near today, the emergency share held back, a waiting list and
registrations of need for the services allocated fairly).

Appointments are placed on the free grid cells that the selectors compute from the staff's
weekly presence, absences and public holidays, one BookingCell per cell, and inserted in bulk:
the unique key (staff, cell) holds as in live operation, at a fraction of the cost of booking
one by one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import Counter as Tally
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import DateTimeField
from django.utils import timezone

from anlaufstelle.appointments.models import (
    AllocationRequest,
    AvailabilityException,
    Booking,
    BookingCell,
    BookingStatus,
    Counter,
    Location,
    Service,
    Urgency,
    WaitlistEntry,
    WeeklyAvailability,
)
from anlaufstelle.appointments.selectors import BERLIN, GRID, available_cells
from anlaufstelle.appointments.services import emergency_hold_horizon
from anlaufstelle.appointments.services.booking import CODE_ALPHABET

from ..i18n import SOURCE_LANGUAGE, column
from ..models import Person, Position, Role, Section, Tenant, User
from ..tenancy import tenant_context
from .context import DemoContext, mark_translated_from, mark_translations_current, translate
from .data import appointments as data
from .data.names import NEWCOMER_POOLS
from .people import BORN_FROM, BORN_UNTIL, FICTIONAL_PHONE_PREFIX
from .staff import ascii_slug
from .tenants import BEISPIELHEIM, MUSTERSTADT

HISTORY_DAYS = 91  # thirteen weeks back
HISTORY_FILL = 0.9  # an office under pressure: nearly every slot was taken
AHEAD_DAYS = 28  # four weeks filled ahead
AHEAD_FILL = (0.92, 0.55)  # share of the free time booked tomorrow, and four weeks ahead
PEOPLE_PER_PAST_BOOKING = 0.6  # many come more than once
PRESENCE_SINCE_DAYS = (115, 130)  # the current weekly presence began about four months ago
Channel = Booking.Channel


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A Berlin wall-clock time as an aware UTC datetime."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN).astimezone(dt.UTC)


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(BERLIN).date()


def _workdays(first: dt.date, count: int) -> dt.date:
    """The day after ``count`` working days (Monday to Friday) from ``first``."""
    day = first
    while count:
        if day.weekday() < 5:
            count -= 1
        day += dt.timedelta(days=1)
    return day


def _next_weekday(day: dt.date, weekday: int) -> dt.date:
    """``day`` itself if it falls on ``weekday`` (0 = Monday), else the next such day."""
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


# --- Capacity ------------------------------------------------------------------------------


def _location(tenant: Tenant, spec: data.LocationSpec) -> Location:
    location = Location(
        tenant=tenant,
        street=spec.street,
        postcode=spec.postcode,
        city=spec.city,
        emergency_share=spec.emergency_share,
        emergency_release_time=dt.time(7, 0),
    )
    for field_name, texts in spec.texts.items():
        translate(location, field_name, texts)
    mark_translations_current(location)
    return location


def _service(tenant: Tenant, spec: data.ServiceSpec, section_of: Callable[[str], Section]) -> Service:
    service = Service(
        tenant=tenant,
        section=section_of(spec.section),
        duration_minutes=spec.minutes,
        booking_mode=spec.mode,
        earliest_days=spec.window[0],
        latest_days=spec.window[1],
        release_time=dt.time(8, 0),
    )
    for field_name, texts in spec.texts.items():
        translate(service, field_name, texts)
    for language, (field_name, source) in spec.outdated.items():
        mark_translated_from(service, language=language, field_name=field_name, source=source)
    mark_translations_current(service, except_fields={lang: [f] for lang, (f, _s) in spec.outdated.items()})
    return service


def _create_office(
    ctx: DemoContext,
    slug: str,
    location_specs: list[data.LocationSpec],
    service_specs: list[data.ServiceSpec],
) -> tuple[dict[str, Location], dict[str, Service]]:
    tenant = ctx.tenants[slug]
    locations = {spec.key: _location(tenant, spec) for spec in location_specs}
    Location.objects.bulk_create(locations.values())
    Counter.objects.bulk_create(
        Counter(
            tenant=tenant,
            location=locations[spec.key],
            section=ctx.sections[(slug, code)] if code else None,
            number=number,
            floor_and_room=room,
        )
        for spec in location_specs
        for number, code, room in spec.counters
    )
    services = {spec.key: _service(tenant, spec, lambda code: ctx.sections[(slug, code)]) for spec in service_specs}
    Service.objects.bulk_create(services.values())
    ctx.count("Standorte", len(locations))
    ctx.count("Anliegen", len(services))
    return locations, services


def _qualify(services: dict[str, Service], skills: dict[int, tuple[str, ...]]) -> None:
    Service.qualified_staff.through.objects.bulk_create(
        Service.qualified_staff.through(service_id=services[key].pk, user_id=user_id)
        for user_id, keys in skills.items()
        for key in keys
    )


def load_appointment_capacity(ctx: DemoContext) -> None:
    """Two locations with counters, 26 services, the caseworkers' weekly presence and absences."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("appointments", "capacity")
    with tenant_context(tenant):
        locations, services = _create_office(ctx, MUSTERSTADT, data.LOCATIONS, data.SERVICES)
        holders = (
            Position.objects.filter(holder__isnull=False, title__in=data.STAFF_PLANS)
            .select_related("holder", "section")
            .order_by("pk")
        )
        skills: dict[int, tuple[str, ...]] = {}
        presence: list[WeeklyAvailability] = []
        turn: Tally[str] = Tally()
        for position in holders:
            plan = data.STAFF_PLANS[position.title]
            assert position.holder is not None
            skills[position.holder.pk] = plan.skills
            if not plan.scheduled:
                continue
            fte = f"{position.fte:.2f}"
            variants = data.SCHEDULES[fte]
            windows = plan.schedule or variants[turn[fte] % len(variants)]
            turn[fte] += 1
            since = ctx.today - dt.timedelta(days=rng.randint(*PRESENCE_SINCE_DAYS))
            for weekday, (starts, ends) in windows:
                where = data.CAMPUS if (weekday, (starts, ends)) in plan.campus else data.MAIN
                presence.append(
                    WeeklyAvailability(
                        tenant=tenant,
                        staff=position.holder,
                        location=locations[where],
                        weekday=weekday,
                        starts=starts,
                        ends=ends,
                        valid_from=since,
                    )
                )
        WeeklyAvailability.objects.bulk_create(presence)
        _qualify(services, skills)
        scheduled = sorted({row.staff_id for row in presence})
        sections = dict(holders.values_list("holder_id", "section__code"))
        exceptions = _exceptions(ctx, rng, tenant, scheduled, sections, locations[data.MAIN])
        AvailabilityException.objects.bulk_create(exceptions)
    ctx.count("Wochenzeiten", len(presence))
    ctx.count("Abwesenheiten", len(exceptions))
    _beispielheim_capacity(ctx)


def _exceptions(
    ctx: DemoContext,
    rng: random.Random,
    tenant: Tenant,
    staff: list[int],
    sections: dict[int, str],
    main: Location,
) -> list[AvailabilityException]:
    """Vacation weeks, single days off, two training days and a staff assembly morning."""
    kind = AvailabilityException.Kind
    rows = []

    def whole_days(staff_id: int | None, first: dt.date, workdays: int, kind_: str, note: str) -> None:
        rows.append(
            AvailabilityException(
                tenant=tenant,
                staff_id=staff_id,
                kind=kind_,
                starts_at=_at(first, 0),
                ends_at=_at(_workdays(first, workdays), 0),
                note=note,
            )
        )

    for (offset, workdays), staff_id in zip(data.VACATIONS, rng.sample(staff, len(data.VACATIONS)), strict=True):
        day = ctx.today + dt.timedelta(days=offset)
        whole_days(staff_id, day - dt.timedelta(days=day.weekday()), workdays, kind.ABSENCE, "Urlaub")
    for _ in range(data.SICK_DAYS):
        day = ctx.today - dt.timedelta(days=rng.randint(1, HISTORY_DAYS))
        if day.weekday() < 5:
            whole_days(rng.choice(staff), day, 1, kind.ABSENCE, "")
    for note, section, offset in (data.TRAINING, data.PAST_TRAINING):
        tuesday = _next_weekday(ctx.today + dt.timedelta(days=offset), 1)
        for staff_id in staff:
            if sections.get(staff_id) == section:
                whole_days(staff_id, tuesday, 1, kind.TRAINING, note)
    assembly_note, ahead = data.STAFF_ASSEMBLY
    wednesday = _next_weekday(ctx.today + dt.timedelta(days=ahead), 2)
    rows.append(
        AvailabilityException(
            tenant=tenant,
            location=main,
            kind=kind.CLOSURE,
            starts_at=_at(wednesday, 8),
            ends_at=_at(wednesday, 12),
            note=assembly_note,
        )
    )
    return rows


def _beispielheim_capacity(ctx: DemoContext) -> None:
    """One location, three German-only services, two caseworkers on their office days."""
    tenant = ctx.tenants[BEISPIELHEIM]
    with tenant_context(tenant):
        locations, services = _create_office(
            ctx, BEISPIELHEIM, [data.BEISPIELHEIM_LOCATION], data.BEISPIELHEIM_SERVICES
        )
        users = dict(User.objects.filter(role=Role.CASEWORKER).values_list("username", "pk"))
        since = ctx.today - dt.timedelta(days=PRESENCE_SINCE_DAYS[0])
        WeeklyAvailability.objects.bulk_create(
            WeeklyAvailability(
                tenant=tenant,
                staff_id=users[username],
                location=locations[data.MAIN],
                weekday=weekday,
                starts=starts,
                ends=ends,
                valid_from=since,
            )
            for username, _skills, windows in data.BEISPIELHEIM_STAFF
            for weekday, (starts, ends) in windows
        )
        _qualify(services, {users[username]: keys for username, keys, _windows in data.BEISPIELHEIM_STAFF})


def _german_name(service: Service) -> str:
    return getattr(service, column("name", SOURCE_LANGUAGE))


# --- Bookings ------------------------------------------------------------------------------


@dataclass
class _Office:
    """What the booking steps read back: locations, and what each scheduled person serves."""

    tenant: Tenant
    locations: list[Location]
    main: Location  # the main building, the one with an emergency share
    skills: dict[int, tuple[list[Service], list[int]]]  # staff id -> services and their demand

    @classmethod
    def load(cls, tenant: Tenant) -> _Office:
        demand = {spec.texts["name"]["de"]: spec.demand for spec in data.SERVICES}
        services = {service.pk: service for service in Service.objects.all()}
        scheduled = set(WeeklyAvailability.objects.values_list("staff_id", flat=True))
        skills: dict[int, tuple[list[Service], list[int]]] = {}
        for service_id, user_id in Service.qualified_staff.through.objects.filter(
            service_id__in=services, user_id__in=scheduled
        ).values_list("service_id", "user_id"):
            service = services[service_id]
            if demand.get(_german_name(service), 0) > 0:
                served, weights = skills.setdefault(user_id, ([], []))
                served.append(service)
                weights.append(demand[_german_name(service)])
        locations = list(Location.objects.order_by("pk"))
        main = max(locations, key=lambda location: location.emergency_share)
        return cls(tenant=tenant, locations=locations, main=main, skills=skills)

    def cells(
        self, *, day_from: dt.date, day_to: dt.date, free_only: bool
    ) -> dict[Location, dict[int, set[dt.datetime]]]:
        return {
            location: available_cells(
                staff_ids=set(self.skills), location=location, day_from=day_from, day_to=day_to, free_only=free_only
            )
            for location in self.locations
        }


@dataclass(frozen=True)
class _Slot:
    staff_id: int
    location: Location
    service: Service
    starts_at: dt.datetime
    day: dt.date
    early: bool  # among the first cells of the day: the share held for emergencies


def _slots(
    rng: random.Random,
    office: _Office,
    cells: dict[Location, dict[int, set[dt.datetime]]],
    fill: Callable[[dt.date], float],
    *,
    mark_early: bool = False,
) -> Iterator[_Slot]:
    """Walk each staff member's days cell by cell: draw a service by demand, book it with
    probability ``fill(day)``, else leave its time free. With ``mark_early`` the first cells of
    each day, as many as the location's emergency share, are marked (see CellHold.EMERGENCY)."""
    for location, by_staff in cells.items():
        for staff_id in sorted(by_staff):
            services, weights = office.skills[staff_id]
            days: dict[dt.date, list[dt.datetime]] = defaultdict(list)
            for cell in by_staff[staff_id]:
                days[_local_day(cell)].append(cell)
            for day in sorted(days):
                day_cells = sorted(days[day])
                early = round(len(day_cells) * location.emergency_share / 100) if mark_early else 0
                chance, i = fill(day), 0
                while i < len(day_cells):
                    run = 1
                    while i + run < len(day_cells) and day_cells[i + run] == day_cells[i + run - 1] + GRID:
                        run += 1
                    fitting = [(s, w) for s, w in zip(services, weights, strict=True) if s.cells <= run]
                    if not fitting:
                        i += run
                        continue
                    (service,) = rng.choices([s for s, _w in fitting], [w for _s, w in fitting])
                    if rng.random() < chance:
                        yield _Slot(staff_id, location, service, day_cells[i], day, i < early)
                    i += service.cells


def _backdate(
    rows: Sequence[Booking | AllocationRequest | WaitlistEntry | Person], moments: Sequence[dt.datetime]
) -> None:
    """Set ``created_at`` (auto_now_add, so bulk_create overwrites it) on inserted rows.

    One prepared UPDATE for all rows: bulk_update would build a CASE over every primary key.
    """
    if not rows:
        return
    meta, quote = rows[0]._meta, connection.ops.quote_name
    created_at = meta.get_field("created_at")
    assert isinstance(created_at, DateTimeField)
    assert meta.pk is not None
    sql = f"UPDATE {quote(meta.db_table)} SET {quote(created_at.column)} = %s WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (connection.ops.adapt_datetimefield_value(moment), row.pk)
                for row, moment in zip(rows, moments, strict=True)
            ],
        )
    for row, moment in zip(rows, moments, strict=True):
        row.created_at = moment


def _backdate_people(first_contact: Iterable[tuple[Person | None, dt.datetime]]) -> None:
    """A person is created with their first booking or registration (person_for_contact)."""
    earliest: dict[Person, dt.datetime] = {}
    for person, moment in first_contact:
        if person is None:
            continue
        known = earliest.get(person, person.created_at)
        if known is None or moment < known:
            earliest[person] = moment
    _backdate(list(earliest), list(earliest.values()))


def _minutes(rng: random.Random, low: float, high: float) -> dt.timedelta:
    return dt.timedelta(minutes=rng.uniform(low, high))


@dataclass
class _Plan:
    """Bookings to insert in bulk, with what bulk_create cannot set (created_at, the person)."""

    tenant: Tenant
    rng: random.Random
    codes: set[str]
    bookings: list[Booking] = field(default_factory=list)
    created: list[dt.datetime] = field(default_factory=list)
    holds: list[bool] = field(default_factory=list)
    person: list[int] = field(default_factory=list)
    moves: list[tuple[int, int]] = field(default_factory=list)  # (cancelled, its replacement)

    def _code(self) -> str:
        while (code := "".join(self.rng.choices(CODE_ALPHABET, k=8))) in self.codes:
            pass
        self.codes.add(code)
        return code

    def add(
        self,
        slot: _Slot,
        *,
        status: str,
        channel: str,
        created: dt.datetime,
        confirmed: dt.datetime | None,
        cancelled: dt.datetime | None = None,
        urgency: str = "",
    ) -> None:
        starts_at = slot.starts_at
        reminded = None
        if (
            status in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW)
            and confirmed
            and confirmed < starts_at - dt.timedelta(days=1)
        ):
            reminded = starts_at - dt.timedelta(days=1) + _minutes(self.rng, 0, 5)
        network = f"2001:db8:{self.rng.randrange(1, 0xFFFF):x}::/48" if channel == Channel.ONLINE else ""
        self.bookings.append(
            Booking(
                tenant=self.tenant,
                service=slot.service,
                location=slot.location,
                staff_id=slot.staff_id,
                starts_at=starts_at,
                ends_at=starts_at + slot.service.cells * GRID,
                status=status,
                channel=channel,
                urgency=urgency,
                code=self._code(),
                confirmed_at=confirmed,
                cancelled_at=cancelled,
                reminded_at=reminded,
                origin_network=network,
            )
        )
        self.created.append(created)
        self.holds.append(status not in (BookingStatus.CANCELLED, BookingStatus.EXPIRED))
        self.person.append(-1)  # drawn once the people exist

    def booked(
        self, slot: _Slot, channel: str, *, today: dt.date, bound: dt.datetime
    ) -> tuple[dt.datetime, dt.datetime]:
        """When a booking was made and confirmed: online often the morning its day was released,
        by staff some days ahead, by allocation at an early run; never after ``bound``."""
        rng, service = self.rng, slot.service
        min_lead = max((slot.day - today).days + 1, 0)
        if channel == Channel.ONLINE:
            low = max(service.earliest_days, min_lead)
            high = max(service.latest_days, low)
            if rng.random() < 0.45:
                created = _at(slot.day - dt.timedelta(days=high), 8) + _minutes(rng, 0, 25)
            else:
                lead = rng.randint(low, high)
                created = _at(slot.day - dt.timedelta(days=lead), rng.randint(6, 22), rng.randint(0, 59))
            confirmed = created + _minutes(rng, 1, 40)
        elif channel == Channel.ALLOCATION:
            lead = rng.randint(max(3, min_lead), max(3, min_lead) + 17)
            created = _at(slot.day - dt.timedelta(days=lead), 6) + _minutes(rng, 0, 3)
            confirmed = created + _minutes(rng, 15, 40 * 60)
        else:
            lead = rng.randint(max(1, min_lead), max(1, min_lead) + 20)
            created = _at(slot.day - dt.timedelta(days=lead), rng.randint(8, 15), rng.randint(0, 59))
            confirmed = created
        bound = min(bound, slot.starts_at - dt.timedelta(minutes=10))
        if confirmed > bound:
            confirmed = bound - _minutes(rng, 0, 30)
            created = min(created, confirmed)
        return created, confirmed

    def save(self, persons: list[Person]) -> list[Booking]:
        for booking, index in zip(self.bookings, self.person, strict=True):
            booking.person = persons[index]
        Booking.objects.bulk_create(self.bookings, batch_size=1000)
        _backdate(self.bookings, self.created)
        _backdate_people(
            (booking.person, created) for booking, created in zip(self.bookings, self.created, strict=True)
        )
        for cancelled, replacement in self.moves:
            self.bookings[cancelled].replaced_by = self.bookings[replacement]
        Booking.objects.bulk_update([self.bookings[c] for c, _r in self.moves], ["replaced_by"])
        BookingCell.objects.bulk_create(
            (
                BookingCell(tenant=self.tenant, booking=b, staff_id=b.staff_id, starts_at=b.starts_at + i * GRID)
                for b, holds in zip(self.bookings, self.holds, strict=True)
                if holds
                for i in range(b.service.cells)
            ),
            batch_size=2000,
        )
        return self.bookings


def _people(
    rng: random.Random, count: int, emails: set[str], *, per_name: int | None = None, taken: Tally[str] | None = None
) -> list[Person]:
    """People from the main countries of origin, e-mail at example domains only; with
    ``per_name`` no name occurs more often (``taken`` counts names already in use)."""
    pools = [*NEWCOMER_POOLS, *data.CLIENT_POOLS]
    weights = [weight for weight, _pool in pools]
    names = taken if taken is not None else Tally()
    span = (BORN_UNTIL - BORN_FROM).days
    people: list[Person] = []
    for _attempt in range(count * 50):
        if len(people) == count:
            return people
        (_weight, pool), female = rng.choices(pools, weights)[0], rng.random() < 0.5
        given = rng.choice(pool.female if female else pool.male)
        family = rng.choice(pool.family)
        if "/" in family:
            family = family.split("/")[female]
        if per_name is not None and names[f"{given} {family}"] >= per_name:
            continue
        names[f"{given} {family}"] += 1
        base, domain, number = ascii_slug(f"{given}.{family}"), rng.choice(data.EMAIL_DOMAINS), 1
        email = f"{base}@{domain}"
        while email in emails:
            number += 1
            email = f"{base}{number}@{domain}"
        emails.add(email)
        people.append(
            Person(
                given_names=given,
                family_name=family,
                date_of_birth=BORN_FROM + dt.timedelta(days=rng.randint(0, span)),
                email=email,
                phone=f"{FICTIONAL_PHONE_PREFIX}{rng.randint(100, 999)}" if rng.random() < 0.3 else "",
                preferred_language=rng.choice(pool.languages),
            )
        )
    raise RuntimeError("The name pools are too small for the number of people drawn.")


def _insert_people(tenant: Tenant, people: list[Person]) -> list[Person]:
    for person in people:
        person.tenant = tenant
    return Person.objects.bulk_create(people, batch_size=1000)


URGENCIES = [(Urgency.PERMIT_EXPIRES, 5), (Urgency.JOB_START, 2), (Urgency.TRAVEL, 2), (Urgency.OTHER, 1)]


def load_appointment_history(ctx: DemoContext) -> None:
    """Thirteen weeks of appointments: about 80 % attended, 10 % missed, 10 % cancelled (some
    moved, some of their times taken from the waiting list), same-day emergencies each morning."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("appointments", "history")
    with tenant_context(tenant):
        office = _Office.load(tenant)
        first, last = ctx.today - dt.timedelta(days=HISTORY_DAYS), ctx.today - dt.timedelta(days=1)
        cells = office.cells(day_from=first, day_to=last, free_only=False)
        plan = _Plan(tenant, rng, set())
        for slot in _slots(rng, office, cells, lambda _day: HISTORY_FILL, mark_early=True):
            _past_booking(plan, slot, ctx.today)
        _moves(plan)
        emails = set(Person.objects.exclude(email="").values_list("email", flat=True))
        people = _insert_people(tenant, _people(rng, int(len(plan.bookings) * PEOPLE_PER_PAST_BOOKING), emails))
        _assign_people(rng, plan, len(people))
        bookings = plan.save(people)
        _allocation_history(rng, tenant, [b for b in bookings if b.channel == Channel.ALLOCATION])
    ctx.count("Terminkundschaft", len(people))
    ctx.count("Termine bis gestern", len(bookings))


def _assign_people(rng: random.Random, plan: _Plan, people: int) -> None:
    """Everyone booked at least once, many more often; a moved appointment keeps its person."""
    replacements = {replacement for _cancelled, replacement in plan.moves}
    own = [index for index in range(len(plan.bookings)) if index not in replacements]
    draws = [*range(people), *(rng.randrange(people) for _ in range(len(own) - people))]
    rng.shuffle(draws)
    for index, person in zip(own, draws, strict=True):
        plan.person[index] = person
    for cancelled, replacement in plan.moves:
        plan.person[replacement] = plan.person[cancelled]


def _past_booking(plan: _Plan, slot: _Slot, today: dt.date) -> None:
    rng, mode = plan.rng, slot.service.booking_mode
    bound = slot.starts_at - dt.timedelta(minutes=10)
    if slot.early and mode != Service.BookingMode.DESK:
        # The emergency share is released at 07:00 the same morning.
        urgent = rng.random() < 0.5
        created = _at(slot.day, 7) + _minutes(rng, 0, 30 if urgent else 50)
        confirmed = created + _minutes(rng, 1, 6) if urgent else created
        status = BookingStatus.NO_SHOW if rng.random() < 0.04 else BookingStatus.ATTENDED
        (urgency,) = rng.choices([u for u, _w in URGENCIES], [w for _u, w in URGENCIES]) if urgent else ("",)
        plan.add(
            slot,
            status=status,
            channel=Channel.ONLINE if urgent else Channel.STAFF,
            created=created,
            confirmed=confirmed,
            urgency=urgency,
        )
        return
    channel = _channel(rng, mode)
    created, confirmed = plan.booked(slot, channel, today=today, bound=bound)
    roll = rng.random()
    if roll >= 0.115:
        status = BookingStatus.NO_SHOW if roll < 0.22 else BookingStatus.ATTENDED
        plan.add(slot, status=status, channel=channel, created=created, confirmed=confirmed)
        return
    cancelled = confirmed + (slot.starts_at - confirmed) * rng.uniform(0.15, 0.97)
    plan.add(
        slot, status=BookingStatus.CANCELLED, channel=channel, created=created, confirmed=confirmed, cancelled=cancelled
    )
    if mode != Service.BookingMode.ONLINE or slot.starts_at - cancelled < dt.timedelta(hours=3) or rng.random() < 0.45:
        return  # the time stayed free
    roll = rng.random()
    if roll < 0.45:  # offered to the waiting list at once, accepted within the three hours
        channel, created = Channel.WAITLIST, cancelled + _minutes(rng, 1, 15)
        confirmed = created + _minutes(rng, 5, 170)
    else:  # public again after the embargo
        channel = Channel.ONLINE if roll < 0.8 else Channel.STAFF
        created = (
            cancelled
            + dt.timedelta(minutes=60)
            + (slot.starts_at - cancelled - dt.timedelta(minutes=75)) * rng.random()
        )
        confirmed = created + _minutes(rng, 1, 20) if channel == Channel.ONLINE else created
    if confirmed < bound:
        status = BookingStatus.NO_SHOW if rng.random() < 0.08 else BookingStatus.ATTENDED
        plan.add(slot, status=status, channel=channel, created=created, confirmed=confirmed)


def _moves(plan: _Plan) -> None:
    """Some cancellations were moves: the person booked a later time, the old one points to it."""
    later: dict[int, list[int]] = defaultdict(list)
    for index, booking in enumerate(plan.bookings):
        if booking.channel == Channel.ONLINE and booking.status == BookingStatus.ATTENDED and not booking.urgency:
            later[booking.service.pk].append(index)
    used: set[int] = set()
    for index, booking in enumerate(plan.bookings):
        if booking.status != BookingStatus.CANCELLED or booking.channel != Channel.ONLINE or plan.rng.random() > 0.3:
            continue
        assert booking.cancelled_at is not None
        window = booking.starts_at + dt.timedelta(days=21)
        target = next(
            (
                i
                for i in later[booking.service.pk]
                if i not in used and booking.starts_at < plan.bookings[i].starts_at <= window
            ),
            None,
        )
        if target is None:
            continue
        used.add(target)
        plan.moves.append((index, target))
        plan.created[target] = booking.cancelled_at
        plan.bookings[target].confirmed_at = booking.cancelled_at


def _request(
    rng: random.Random, tenant: Tenant, person: Person, service: Service, location: Location, **fields: object
) -> AllocationRequest:
    key = "|".join(
        [person.given_names.casefold(), person.family_name.casefold(), str(person.date_of_birth), person.email]
    )
    weekdays = sorted(rng.sample(range(5), rng.randint(2, 5)))
    (day_parts,) = rng.choices([["am"], ["pm"], ["am", "pm"]], [35, 15, 50])
    return AllocationRequest(
        tenant=tenant,
        service=service,
        location=location,
        person=person,
        weekdays=weekdays,
        day_parts=day_parts,
        duplicate_key=hashlib.sha256(key.encode()).hexdigest(),
        tie_break=rng.random(),
        **fields,
    )


def _save_requests(requests: list[AllocationRequest], created: list[dt.datetime]) -> None:
    AllocationRequest.objects.bulk_create(requests)
    _backdate(requests, created)
    _backdate_people((request.person, moment) for request, moment in zip(requests, created, strict=True))


def _allocation_history(rng: random.Random, tenant: Tenant, bookings: list[Booking]) -> None:
    """The registrations of need behind the appointments given by allocation."""
    requests, created = [], []
    for booking in bookings:
        assert booking.person is not None
        assert booking.created_at is not None
        registered = booking.created_at - dt.timedelta(days=rng.randint(5, 80), minutes=rng.randint(0, 900))
        status = (
            AllocationRequest.Status.OFFERED
            if booking.status == BookingStatus.OFFERED
            else AllocationRequest.Status.BOOKED
        )
        requests.append(
            _request(
                rng,
                tenant,
                booking.person,
                booking.service,
                booking.location,
                status=status,
                confirmed_at=registered + _minutes(rng, 2, 30),
                offer=booking,
            )
        )
        created.append(registered)
    _save_requests(requests, created)


def load_appointment_calendar(ctx: DemoContext) -> None:
    """The next four weeks, booked densely near today and thinly at the end, with the emergency
    share held back; a few open reservations and allocation offers; waiting list; pending requests."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("appointments", "calendar")
    midnight = _at(ctx.today, 0)
    now = timezone.now() if timezone.localdate() == ctx.today else _at(ctx.today, 10)
    with tenant_context(tenant):
        office = _Office.load(tenant)
        held = emergency_hold_horizon(now=midnight)
        last = ctx.today + dt.timedelta(days=AHEAD_DAYS - 1)
        cells = office.cells(day_from=ctx.today, day_to=last, free_only=True)
        codes = set(Booking.objects.values_list("code", flat=True))
        plan = _Plan(tenant, rng, codes)

        def fill(day: dt.date) -> float:
            near, far = AHEAD_FILL
            return near - (near - far) * (day - ctx.today).days / (AHEAD_DAYS - 1)

        for slot in _slots(rng, office, cells, fill):
            _future_booking(plan, slot, ctx.today, midnight)
        _holds_open_now(plan, ctx.today, now)
        emails = set(Person.objects.exclude(email="").values_list("email", flat=True))
        named = list(Person.objects.exclude(email="").filter(bookings__isnull=True).order_by("pk")[:30])
        pending = _pending_counts()
        names: Tally[str] = Tally(f"{p.given_names} {p.family_name}" for p in named)
        fresh = _people(rng, len(plan.bookings) + sum(pending.values()) - len(named), emails, per_name=2, taken=names)
        people = named + _insert_people(tenant, fresh)
        plan.person = list(range(len(plan.bookings)))
        bookings = plan.save(people)
        _allocation_history(rng, tenant, [b for b in bookings if b.channel == Channel.ALLOCATION])
        entries = _waitlist(rng, tenant, bookings, ctx.today, midnight)
        requests = _pending_requests(rng, tenant, office, people[len(bookings) :], pending, ctx.today, now)
        held += emergency_hold_horizon(now=midnight)  # idempotent: tops up what the bookings left
    ctx.count("Termine ab heute", len(bookings))
    ctx.count("Terminkundschaft", len(fresh))
    ctx.count("Wartelisteneinträge", len(entries))
    ctx.count("Bedarfsanmeldungen offen", len(requests))
    ctx.count("Notfall-Viertelstunden zurückgehalten", held)


def _channel(rng: random.Random, mode: str) -> str:
    """How a booking of this kind of service was made: requests by allocation, desk-only by
    staff, the rest mostly online and about one in eight by staff on the phone."""
    if mode == Service.BookingMode.REQUEST:
        return Channel.ALLOCATION
    if mode == Service.BookingMode.DESK or rng.random() < 0.12:
        return Channel.STAFF
    return Channel.ONLINE


def _future_booking(plan: _Plan, slot: _Slot, today: dt.date, midnight: dt.datetime) -> None:
    rng, mode = plan.rng, slot.service.booking_mode
    channel = _channel(rng, mode)
    bound = midnight - dt.timedelta(minutes=1)
    created, confirmed = plan.booked(slot, channel, today=today, bound=bound)
    if rng.random() < 0.05:
        cancelled = confirmed + (bound - confirmed) * rng.uniform(0.1, 0.95)
        plan.add(
            slot,
            status=BookingStatus.CANCELLED,
            channel=channel,
            created=created,
            confirmed=confirmed,
            cancelled=cancelled,
        )
    else:
        plan.add(slot, status=BookingStatus.CONFIRMED, channel=channel, created=created, confirmed=confirmed)


def _holds_open_now(plan: _Plan, today: dt.date, now: dt.datetime) -> None:
    """A few reservations waiting for their e-mail link, and allocation offers not yet accepted."""
    later = [
        i
        for i, b in enumerate(plan.bookings)
        if b.status == BookingStatus.CONFIRMED and _local_day(b.starts_at) >= today + dt.timedelta(days=2)
    ]
    online = [i for i in later if plan.bookings[i].channel == Channel.ONLINE]
    allocated = [i for i in later if plan.bookings[i].channel == Channel.ALLOCATION]
    for index in plan.rng.sample(online, min(4, len(online))):
        booking = plan.bookings[index]
        booking.status, booking.confirmed_at = BookingStatus.RESERVED, None
        booking.hold_until = now + _minutes(plan.rng, 3, 18)
        plan.created[index] = booking.hold_until - dt.timedelta(minutes=settings.APPOINTMENTS_RESERVATION_HOLD_MINUTES)
    for index in plan.rng.sample(allocated, min(3, len(allocated))):
        booking = plan.bookings[index]
        run = _at(today, 6) if _at(today, 6) <= now else _at(today - dt.timedelta(days=1), 6)
        run -= dt.timedelta(days=plan.rng.randint(0, 1))  # the last allocation run or the one before
        booking.status, booking.confirmed_at = BookingStatus.OFFERED, None
        booking.hold_until = run + dt.timedelta(hours=settings.APPOINTMENTS_ALLOCATION_ACCEPT_HOURS)
        plan.created[index] = run


def _pending_counts() -> dict[Service, int]:
    """Demand exceeds supply: many more registrations than the next weeks can serve."""
    wanted = {
        "Niederlassungserlaubnis": 38,
        "Erlaubnis zum Daueraufenthalt – EU": 12,
        "Einbürgerung – Antrag abgeben": 31,
    }
    services = Service.objects.filter(**{f"{column('name', SOURCE_LANGUAGE)}__in": wanted}).order_by("pk")
    return {service: wanted[_german_name(service)] for service in services}


def _pending_requests(
    rng: random.Random,
    tenant: Tenant,
    office: _Office,
    people: list[Person],
    counts: dict[Service, int],
    today: dt.date,
    now: dt.datetime,
) -> list[AllocationRequest]:
    requests, created = [], []
    people_left = iter(people)
    for service, count in counts.items():
        for _ in range(count):
            registered = min(
                _at(today - dt.timedelta(days=rng.randint(1, 75)), rng.randint(6, 22), rng.randint(0, 59)), now
            )
            expires = None
            if _german_name(service) != "Einbürgerung – Antrag abgeben" or rng.random() < 0.15:
                roll = rng.random()
                if roll < 0.45:
                    expires = today + dt.timedelta(days=rng.randint(10, 70))
                elif roll < 0.8:
                    expires = today + dt.timedelta(days=rng.randint(90, 365))
            requests.append(
                _request(
                    rng,
                    tenant,
                    next(people_left),
                    service,
                    office.main,
                    status=AllocationRequest.Status.PENDING,
                    confirmed_at=min(registered + _minutes(rng, 1, 25), now),
                    permit_expires_on=expires,
                )
            )
            created.append(registered)
    _save_requests(requests, created)
    return requests


def _waitlist(
    rng: random.Random, tenant: Tenant, bookings: list[Booking], today: dt.date, midnight: dt.datetime
) -> list[WaitlistEntry]:
    """People with a confirmed appointment weeks ahead who would take an earlier one."""
    candidates = [
        b
        for b in bookings
        if b.status == BookingStatus.CONFIRMED
        and b.channel == Channel.ONLINE
        and _local_day(b.starts_at) >= today + dt.timedelta(days=10)
    ]
    entries, joined = [], []
    for booking in rng.sample(candidates, min(24, len(candidates))):
        assert booking.confirmed_at is not None
        joined.append(booking.confirmed_at + (midnight - booking.confirmed_at) * rng.uniform(0.05, 0.9))
        entries.append(
            WaitlistEntry(
                tenant=tenant,
                service=booking.service,
                location=booking.location,
                person=booking.person,
                booking=booking,
                before=_local_day(booking.starts_at),
                status=WaitlistEntry.Status.WAITING,
                confirmed_at=joined[-1],
            )
        )
    WaitlistEntry.objects.bulk_create(entries)
    _backdate(entries, joined)
    return entries
