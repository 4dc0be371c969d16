"""Fair allocation (Bedarfsanmeldung) for services with more demand than time.

Instead of racing for slots, a person registers the need once and confirms the e-mail
address. Every day at APPOINTMENTS_ALLOCATION_TIME the allocation run gives the free time of
each such service's booking window to the waiting requests, one appointment each, by this
rule (the same for everyone, and the one ``allocation_explain`` tells a person who asks):

1. Urgency first. The days until the residence permit expires put a request in a band:
   band 0 - expires within 14 days, or has already expired; band 1 - within 42 days;
   band 2 - later, or no permit date given. A lower band goes first; within bands 0 and 1,
   fewer days left go first.
2. Then time waited: an earlier day of confirming the e-mail address goes first. Waiting is
   counted in whole calendar days, so confirming at one minute past midnight gains nothing.
3. Then the lot: at its first allocation run each request draws a number from the run's
   seeded random generator (drawn in the order the requests were made; the seed is stored
   with the run, so every draw can be re-done and checked). The lower number goes first.

In this order each request gets the earliest free appointment on one of its weekdays and
times of day (morning: starts before 12:00, afternoon: from 12:00, Berlin time) - or none,
if nothing left matches; it keeps its place for the next run. The person has
APPOINTMENTS_ALLOCATION_ACCEPT_HOURS (at most until the appointment starts) to accept the
offer by the link in the mail. An offer not accepted in time passes to the next: the time
goes back to the next run, where it is not offered to the same person again; the request
keeps its place, and ends after APPOINTMENTS_ALLOCATION_MAX_MISSED_OFFERS lapsed offers
(``holds_expire_due``). The run and its figures are audited.

A request waits for one service at one place; its position counts the waiting requests for
the same service and place, which compete for the same time.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import MISSING, dataclass, fields
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from anlaufstelle.core.inserts import insert_rows
from anlaufstelle.core.locking import lock
from anlaufstelle.core.models import AuditAction, Person
from anlaufstelle.core.services import audit_record
from anlaufstelle.core.tenancy import require_tenant

from ..models import AllocationRequest, AllocationRun, Booking, BookingCell, BookingStatus, Location, Service
from ..selectors import BERLIN, GRID, available_cells, booking_window, service_locations
from .booking import CODE_ALPHABET
from .mail import mail_offer

URGENT_DAYS = 14  # band 0: the permit expires within this many days (or has expired)
SOON_DAYS = 42  # band 1: within this many days
WEEKDAYS = (0, 1, 2, 3, 4)  # Monday to Friday
DAY_PARTS = ("am", "pm")
NOON = dt.time(12, 0)
_CHUNK = 900  # ids per IN (...) list: below SQLite's smallest limit of query parameters

Status = AllocationRequest.Status


# --- Priority ---------------------------------------------------------------------------------


def priority_band(permit_expires_on: dt.date | None, today: dt.date) -> tuple[int, int]:
    """(band, days left to order by within the band)."""
    if permit_expires_on is None:
        return 2, 0
    days_left = (permit_expires_on - today).days
    if days_left <= URGENT_DAYS:
        return 0, days_left
    if days_left <= SOON_DAYS:
        return 1, days_left
    return 2, 0


@dataclass(slots=True)
class QueuedRequest:
    """What the run needs of a waiting request: reading 20,000 of these as rows costs a third of
    reading them as model instances."""

    pk: int
    service_id: int
    location_id: int
    person_id: int
    permit_expires_on: dt.date | None
    weekdays: list[int]
    day_parts: list[str]
    confirmed_at: dt.datetime | None
    created_at: dt.datetime
    tie_break: float
    last_run_id: int | None
    missed_offers: int
    status: str = Status.PENDING
    offer_id: int | None = None
    last_position: int | None = None


def waiting_since(request: AllocationRequest | QueuedRequest) -> dt.datetime:
    return request.confirmed_at or request.created_at


def allocation_priority(request: AllocationRequest | QueuedRequest, *, today: dt.date) -> tuple[Any, ...]:
    """The sort key of the rule in the module docstring; lower goes first.

    A request that has not drawn its lot yet (before its first run) comes after those that
    have, among equals; the pk makes the order total.
    """
    band, days_left = priority_band(request.permit_expires_on, today)
    waited_from = timezone.localtime(waiting_since(request), BERLIN).date()
    return (band, days_left, waited_from, request.last_run_id is None, request.tie_break, request.pk)


# --- The run ----------------------------------------------------------------------------------

Block = tuple[dt.datetime, int]  # (start, staff id)


def _lane(start: dt.datetime) -> tuple[int, str]:
    local = start.astimezone(BERLIN)
    return local.weekday(), "am" if local.time() < NOON else "pm"


def _released_blocks(*, service: Service, location: Location, staff_ids: set[int], now: dt.datetime) -> list[Block]:
    """The free time of the booking window, carved per staff member into back-to-back
    appointments of the service's length, earliest first."""
    first, last = booking_window(service=service, now=now)
    need = service.cells
    blocks: list[Block] = []
    for staff_id, cells in available_cells(staff_ids=staff_ids, location=location, day_from=first, day_to=last).items():
        ordered = sorted(cell for cell in cells if cell >= now)
        i = 0
        while i < len(ordered):
            start = ordered[i]
            if all(start + k * GRID in cells for k in range(1, need)):
                blocks.append((start, staff_id))
                i += need  # the next need - 1 cells are exactly this block's
            else:
                i += 1
    blocks.sort()
    return blocks


def _match(
    queue: Sequence[QueuedRequest], blocks: Sequence[Block], lapsed: dict[int, set[dt.datetime]]
) -> list[tuple[QueuedRequest, Block]]:
    """Go down the queue; each request takes the earliest block in one of its lanes (weekday and
    time of day), except a time it has let lapse before. Each lane is a queue of blocks in time
    order, so a request looks at no more than the heads of its lanes."""
    lanes: dict[tuple[int, str], deque[Block]] = defaultdict(deque)
    for block in blocks:
        lanes[_lane(block[0])].append(block)
    matches = []
    for request in queue:
        skip = lapsed.get(request.pk, set())
        best: deque[Block] | None = None
        best_index = 0
        for day in request.weekdays:
            for part in request.day_parts:
                lane = lanes.get((day, part))
                if not lane:
                    continue
                index = 0
                while index < len(lane) and lane[index][0] in skip:
                    index += 1  # at most a few: one per lapsed offer
                if index < len(lane) and (best is None or lane[index] < best[best_index]):
                    best, best_index = lane, index
        if best is not None:
            matches.append((request, best[best_index]))
            del best[best_index]
    return matches


def _lapsed(requests: Sequence[QueuedRequest], *, now: dt.datetime) -> dict[int, set[dt.datetime]]:
    """Per request that let an offer lapse: the start times it was offered and did not accept."""
    by_person = {request.person_id: request for request in requests if request.missed_offers}
    people = list(by_person)
    lapsed: dict[int, set[dt.datetime]] = defaultdict(set)
    for i in range(0, len(people), _CHUNK):
        for person_id, service_id, starts_at in Booking.objects.filter(
            person_id__in=people[i : i + _CHUNK],
            channel=Booking.Channel.ALLOCATION,
            status=BookingStatus.EXPIRED,
            starts_at__gte=now,
        ).values_list("person_id", "service_id", "starts_at"):
            request = by_person[person_id]
            if request.service_id == service_id:
                lapsed[request.pk].add(starts_at)
    return lapsed


def _new_codes(count: int) -> list[str]:
    """``count`` booking codes, distinct among themselves and from every existing booking."""
    codes: set[str] = set()
    while len(codes) < count:
        fresh = {"".join(secrets.choice(CODE_ALPHABET) for _ in range(8)) for _ in range(count - len(codes))} - codes
        ordered = sorted(fresh)
        for i in range(0, len(ordered), _CHUNK):
            fresh -= set(Booking.objects.filter(code__in=ordered[i : i + _CHUNK]).values_list("code", flat=True))
        codes |= fresh
    return list(codes)


def _offer(
    *, request: QueuedRequest, service: Service, location: Location, block: Block, hold_until: dt.datetime
) -> Booking:
    start, staff_id = block
    return Booking(
        tenant=require_tenant(),
        service=service,
        location=location,
        staff_id=staff_id,
        person_id=request.person_id,
        starts_at=start,
        ends_at=start + service.cells * GRID,
        status=BookingStatus.OFFERED,
        channel=Booking.Channel.ALLOCATION,
        hold_until=min(hold_until, start),
    )


def _cells(booking: Booking, cells: int) -> list[dict[str, Any]]:
    """The rows of the grid cells ``booking`` holds (the other columns take the model defaults)."""
    return [
        {
            "tenant_id": booking.tenant_id,
            "booking_id": booking.pk,
            "staff_id": booking.staff_id,
            "starts_at": booking.starts_at + i * GRID,
        }
        for i in range(cells)
    ]


def _occupy_all(planned: list[tuple[QueuedRequest, Booking, int]]) -> list[tuple[QueuedRequest, Booking]]:
    """Insert the offers in bulk; if a cell was booked meanwhile, one by one, skipping the lost ones."""
    if not planned:
        return []
    bookings = [booking for _request, booking, _cells_count in planned]
    try:
        with transaction.atomic():
            for booking, code in zip(bookings, _new_codes(len(bookings)), strict=True):
                booking.code = code
            insert_rows(Booking, [vars(booking) for booking in bookings])
            codes = [booking.code for booking in bookings]
            ids: dict[str, int] = {}
            for i in range(0, len(codes), _CHUNK):
                ids.update(Booking.objects.filter(code__in=codes[i : i + _CHUNK]).values_list("code", "pk"))
            for booking in bookings:
                booking.pk = ids[booking.code]
                booking._state.adding, booking._state.db = False, connection.alias
            insert_rows(BookingCell, [cell for _request, booking, count in planned for cell in _cells(booking, count)])
        return [(request, booking) for request, booking, _cells_count in planned]
    except IntegrityError:
        pass  # some time was booked meanwhile (the cells' unique key): go one by one
    made = []
    for request, booking, count in planned:
        booking.pk = None
        booking._state.adding = True
        booking.code = _new_codes(1)[0]
        try:
            with transaction.atomic():
                booking.save()
                insert_rows(BookingCell, _cells(booking, count))
        except IntegrityError:
            continue  # someone booked this time meanwhile; the request waits for the next run
        made.append((request, booking))
    return made


def allocation_run(*, now: dt.datetime | None = None, seed: int | None = None) -> AllocationRun:
    """Offer the free time of every service booked on request to its waiting requests, by the
    rule of this module; one transaction for the current tenant, audited."""
    now = now or timezone.now()
    seed = secrets.randbits(62) if seed is None else seed
    lottery = random.Random(seed)
    today = timezone.localtime(now, BERLIN).date()
    accept_until = now + dt.timedelta(hours=settings.APPOINTMENTS_ALLOCATION_ACCEPT_HOURS)
    with transaction.atomic():
        run = AllocationRun.objects.create(started_at=now, seed=seed)
        services = list(
            Service.objects.filter(booking_mode=Service.BookingMode.REQUEST, is_active=True)
            .select_related("section")
            .order_by("pk")
        )
        pending = [
            QueuedRequest(*row)
            for row in lock(AllocationRequest.objects.filter(status=Status.PENDING, service__in=services))
            .order_by("pk")
            .values_list(*(f.name for f in fields(QueuedRequest) if f.default is MISSING))  # the columns read
        ]
        queues: dict[tuple[int, int], list[QueuedRequest]] = defaultdict(list)
        drawn = 0
        for request in pending:
            if request.last_run_id is None:
                request.tie_break = lottery.random()
                drawn += 1
            request.last_run_id = run.pk
            queues[(request.service_id, request.location_id)].append(request)

        lapsed = _lapsed(pending, now=now)
        locations = {location.pk: location for location in Location.objects.all()}
        planned: list[tuple[QueuedRequest, Booking, int]] = []
        details: list[dict[str, Any]] = []
        for service in services:
            staff_ids = set(service.qualified_staff.filter(is_active=True).values_list("pk", flat=True))
            location_ids = {loc.pk for loc in service_locations(service=service)}
            location_ids |= {location_id for service_id, location_id in queues if service_id == service.pk}
            for location_id in sorted(location_ids):
                location = locations[location_id]
                queue = sorted(
                    queues.get((service.pk, location_id), []), key=lambda r: allocation_priority(r, today=today)
                )
                for position, request in enumerate(queue, start=1):
                    request.last_position = position
                blocks = _released_blocks(service=service, location=location, staff_ids=staff_ids, now=now)
                matches = _match(queue, blocks, lapsed)
                planned += [
                    (
                        request,
                        _offer(
                            request=request, service=service, location=location, block=block, hold_until=accept_until
                        ),
                        service.cells,
                    )
                    for request, block in matches
                ]
                by_lane: dict[str, int] = defaultdict(int)
                for start, _staff in blocks:
                    day, part = _lane(start)
                    by_lane[f"{day}-{part}"] += 1
                details.append(
                    {
                        "service": service.pk,
                        "location": location_id,
                        "pending": len(queue),
                        "released": len(blocks),
                        "offers": len(matches),
                        "released_by_time": dict(sorted(by_lane.items())),
                    }
                )

        made = _occupy_all(planned)
        for request, booking in made:
            request.status = Status.OFFERED
            request.offer_id = booking.pk
        _save_requests(pending)

        run.slots_released = sum(queue["released"] for queue in details)
        run.requests_pending = len(pending)
        run.offers_made = len(made)
        run.details = {"queues": details, "lots_drawn": drawn, "offers_lost_to_bookings": len(planned) - len(made)}
        run.finished_at = timezone.now()
        run.save(update_fields=["slots_released", "requests_pending", "offers_made", "details", "finished_at"])
        audit_record(
            actor=None,
            action=AuditAction.CREATE,
            object_type="appointments.allocationrun",
            object_id=str(run.pk),
            details={
                "seed": seed,
                "slots_released": run.slots_released,
                "requests_pending": run.requests_pending,
                "offers_made": run.offers_made,
                "lots_drawn": drawn,
            },
        )
        _mail_offers(made)
    return run


def _save_requests(requests: list[QueuedRequest]) -> None:
    """Write lot, run and position of every request, and status and offer of those offered: one
    statement executed for all rows of each kind (``bulk_update`` builds a CASE per field and
    row, ten times slower for 20,000; leaving out the status spares its indexes)."""
    quote = connection.ops.quote_name
    table = quote(AllocationRequest._meta.db_table)
    offered = [request for request in requests if request.status == Status.OFFERED]
    waiting = [request for request in requests if request.status != Status.OFFERED]
    for rows, columns in (
        (offered, ("status", "offer_id", "tie_break", "last_run_id", "last_position")),  # attnames = columns
        (waiting, ("tie_break", "last_run_id", "last_position")),
    ):
        if rows:
            assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {table} SET {assignments} WHERE id = %s",  # noqa: S608 - names from the model
                    [[*(getattr(request, column) for column in columns), request.pk] for request in rows],
                )


def _mail_offers(made: list[tuple[QueuedRequest, Booking]]) -> None:
    """The offer with its accept link and deadline, in each person's language, to the outbox."""
    people = Person.objects.in_bulk([request.person_id for request, _booking in made])
    for request, booking in made:
        booking.person = people[request.person_id]
        mail_offer(booking=booking, kind="allocation_offer")
