"""Shared by the booking steps: grid helpers, the office as the steps read it back, the plan of
bookings and cells inserted in bulk, and the people who book."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter as Tally
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import DateTimeField

from anlaufstelle.appointments.models import (
    AllocationRequest,
    Booking,
    BookingCell,
    BookingStatus,
    Location,
    Service,
    WaitlistEntry,
    WeeklyAvailability,
)
from anlaufstelle.appointments.selectors import BERLIN, GRID, available_cells
from anlaufstelle.appointments.services.booking import CODE_ALPHABET

from ...i18n import SOURCE_LANGUAGE, column
from ...models import Person, Tenant
from ..data import appointments as data
from ..data.names import NEWCOMER_POOLS
from ..people import BORN_FROM, BORN_UNTIL, FICTIONAL_PHONE_PREFIX
from ..staff import ascii_slug

HISTORY_DAYS = 91  # thirteen weeks back
HISTORY_FILL = 0.9  # an office under pressure: nearly every slot was taken
STAFF_SHARE = 0.12  # of online-bookable services, booked by staff on the phone
RELEASE_MORNING_SHARE = 0.45  # online bookings made the morning their day was released
STAFF_LEAD_DAYS = (1, 21)  # bookings by staff, days before the appointment
ALLOCATION_LEAD_DAYS = (3, 20)  # allocation offers, days before the appointment
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
    fill: Callable[[dt.date, Service], float],
    *,
    mark_early: bool = False,
) -> Iterator[_Slot]:
    """Walk each staff member's days cell by cell: draw a service by demand, book it with
    probability ``fill(day, service)``, else leave its time free. With ``mark_early`` the first cells of
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
                i = 0
                while i < len(day_cells):
                    run = 1
                    while i + run < len(day_cells) and day_cells[i + run] == day_cells[i + run - 1] + GRID:
                        run += 1
                    fitting = [(s, w) for s, w in zip(services, weights, strict=True) if s.cells <= run]
                    if not fitting:
                        i += run
                        continue
                    (service,) = rng.choices([s for s, _w in fitting], [w for _s, w in fitting])
                    if rng.random() < fill(day, service):
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
            # the release-morning share among the leads of at least min_lead days
            if rng.random() < RELEASE_MORNING_SHARE / max(_online_lead_at_least(service, min_lead), 1e-9):
                created = _at(slot.day - dt.timedelta(days=high), 8) + _minutes(rng, 0, 25)
            else:
                lead = rng.randint(low, high)
                created = _at(slot.day - dt.timedelta(days=lead), rng.randint(6, 22), rng.randint(0, 59))
            confirmed = created + _minutes(rng, 1, 40)
        elif channel == Channel.ALLOCATION:
            first, last = ALLOCATION_LEAD_DAYS
            lead = rng.randint(max(first, min_lead), max(last, min_lead))
            created = _at(slot.day - dt.timedelta(days=lead), 6) + _minutes(rng, 0, 3)
            confirmed = created + _minutes(rng, 15, 40 * 60)
        else:
            first, last = STAFF_LEAD_DAYS
            lead = rng.randint(max(first, min_lead), max(last, min_lead))
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


def _german_name(service: Service) -> str:
    return getattr(service, column("name", SOURCE_LANGUAGE))


def _uniform_at_least(first: int, last: int, days: int) -> float:
    """The chance that a whole number drawn evenly from ``first``..``last`` is at least ``days``."""
    return min(max(last - max(days, first) + 1, 0) / (last - first + 1), 1.0)


def _online_lead_at_least(service: Service, days: int) -> float:
    """The share of online bookings made ``days`` or more days ahead: the release-morning
    share at the far end of the window, the rest spread evenly over it."""
    at_release = RELEASE_MORNING_SHARE if days <= service.latest_days else 0.0
    spread = _uniform_at_least(service.earliest_days, max(service.latest_days, service.earliest_days), days)
    return at_release + (1 - RELEASE_MORNING_SHARE) * spread


def lead_at_least(service: Service, days: int) -> float:
    """The share of a service's bookings made ``days`` or more days before the appointment, by
    the channels and lead times :meth:`_Plan.booked` draws.

    The calendar ahead is filled by this share of the history's fill: what was already booked
    on the demo's day, so bookings are made at a steady pace right up to today rather than
    thinning out in the last weeks (which the capacity plan would read as falling demand).
    """
    if service.booking_mode == Service.BookingMode.REQUEST:
        return _uniform_at_least(*ALLOCATION_LEAD_DAYS, days)
    staff = _uniform_at_least(*STAFF_LEAD_DAYS, days)
    if service.booking_mode == Service.BookingMode.DESK:
        return staff
    return STAFF_SHARE * staff + (1 - STAFF_SHARE) * _online_lead_at_least(service, days)


def _channel(rng: random.Random, mode: str) -> str:
    """How a booking of this kind of service was made: requests by allocation, desk-only by
    staff, the rest mostly online and about one in eight by staff on the phone."""
    if mode == Service.BookingMode.REQUEST:
        return Channel.ALLOCATION
    if mode == Service.BookingMode.DESK or rng.random() < STAFF_SHARE:
        return Channel.STAFF
    return Channel.ONLINE
