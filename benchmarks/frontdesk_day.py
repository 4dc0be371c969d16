"""A simulated day at the front desk: 30 counters, 1,200 appointments, 400 walk-ins.

Driven through the real services on a virtual clock (one tick per minute, 07:45 until the
last person is served): the desk checks people in and issues walk-in tickets between ticks;
at every tick the 30 counters act at the same moment in 30 threads (finish, call next, start),
so "call next" runs under real contention (SKIP LOCKED on PostgreSQL; SQLite serialises
writers). Figures: time per call-next (p50/p95), against the floor of the bare database write
(the conditional UPDATE of one waiting ticket by 30 concurrent threads, nothing else); and the
call-up display's update latency from the commit of a call until a display polling every two
seconds shows it, measured in real time, with the render time of the state it polls.
Set DATABASE_URL for PostgreSQL; SQLite otherwise.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

from benchmarks.support import bench_office, percentile, setup_django, timed

COUNTERS = 30
APPOINTMENTS = 1200
WALK_INS = 400
DAY = dt.date(2027, 1, 4)  # a Monday
IDLE_RETRY_MINUTES = 3  # a counter that found nobody asks again after this long
DISPLAY_SAMPLES = 8


@dataclass
class _Place:
    counter: Any
    staff: Any
    ticket: Any = None
    ends_at: dt.datetime | None = None
    retry_at: dt.datetime | None = None


def _at(hour: int, minute: int = 0) -> dt.datetime:
    from anlaufstelle.appointments.selectors import BERLIN

    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=BERLIN)


def _setup() -> dict[str, Any]:
    from django.db import transaction

    from anlaufstelle.appointments.models import Booking, Counter, Service
    from anlaufstelle.core.models import User
    from anlaufstelle.core.tenancy import tenant_context

    slug = f"bench-desk-{secrets.token_hex(3)}"
    shifts = ((dt.time(7, 30), dt.time(16, 30)),)
    with transaction.atomic():
        office = bench_office(slug=slug, staff_count=COUNTERS, shifts=shifts, valid_from=DAY)
    rng = random.Random(11)
    with tenant_context(office.tenant), transaction.atomic():
        service = Service.objects.create(
            section=office.section, name="Bench", name_de="Bench", duration_minutes=15, booking_mode="desk"
        )
        service.qualified_staff.set(office.staff)
        counters = Counter.objects.bulk_create(
            Counter(location=office.location, section=office.section, number=str(n + 1), tenant=office.tenant)
            for n in range(COUNTERS)
        )
        bookings = Booking.objects.bulk_create(
            Booking(
                service=service,
                location=office.location,
                staff=office.staff[i % COUNTERS],
                starts_at=_at(8) + dt.timedelta(minutes=12 * (i // COUNTERS)),  # 08:00 to 15:48
                ends_at=_at(8, 15) + dt.timedelta(minutes=12 * (i // COUNTERS)),
                code=f"B{i:07d}",
                tenant=office.tenant,
            )
            for i in range(APPOINTMENTS)
        )
        desk = User.objects.create(username=f"{slug}-desk", role="frontdesk", tenant=office.tenant)
    arrivals: list[tuple[dt.datetime, Any]] = [
        (b.starts_at - dt.timedelta(minutes=rng.randint(0, 25)), b) for b in bookings
    ]
    arrivals += [(_at(8) + dt.timedelta(minutes=rng.randrange(6 * 60 + 59)), service) for _ in range(WALK_INS)]
    arrivals.sort(key=lambda item: item[0])
    return {"office": office, "service": service, "counters": counters, "desk": desk, "arrivals": arrivals, "rng": rng}


def _day(setup: dict[str, Any]) -> dict[str, Any]:
    from django.db import connections

    from anlaufstelle.core.tenancy import tenant_context
    from anlaufstelle.frontdesk.services import (
        counter_sign_in,
        ticket_call_next,
        ticket_check_in,
        ticket_finish,
        ticket_issue,
        ticket_start,
    )

    office, desk, rng = setup["office"], setup["desk"], setup["rng"]
    places = [_Place(counter=c, staff=s) for c, s in zip(setup["counters"], office.staff, strict=True)]
    with tenant_context(office.tenant):
        for place in places:
            counter_sign_in(counter=place.counter, staff=place.staff, now=_at(7, 40))
    start_tick, end_tick = threading.Barrier(COUNTERS + 1), threading.Barrier(COUNTERS + 1)
    clock: dict[str, Any] = {"now": None, "stop": False}
    calls_ms: list[float] = []
    empty_ms: list[float] = []
    served = [0]
    lock = threading.Lock()

    def counter_loop(place: _Place) -> None:
        try:
            with tenant_context(office.tenant):
                while True:
                    start_tick.wait()
                    if clock["stop"]:
                        return
                    now = clock["now"]
                    if place.ticket is not None and place.ends_at is not None and now >= place.ends_at:
                        ticket_finish(ticket=place.ticket, counter=place.counter, actor=place.staff, now=now)
                        place.ticket = None
                        with lock:
                            served[0] += 1
                    if place.ticket is None and (place.retry_at is None or now >= place.retry_at):
                        began = time.perf_counter()
                        ticket = ticket_call_next(counter=place.counter, actor=place.staff, now=now)
                        elapsed = (time.perf_counter() - began) * 1000
                        with lock:
                            (calls_ms if ticket else empty_ms).append(elapsed)
                        if ticket is None:
                            place.retry_at = now + dt.timedelta(minutes=IDLE_RETRY_MINUTES)
                        else:
                            place.retry_at = None
                            place.ticket = ticket_start(
                                ticket=ticket, counter=place.counter, actor=place.staff, now=now
                            )
                            place.ends_at = now + dt.timedelta(minutes=rng.randint(7, 16))
                    end_tick.wait()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=counter_loop, args=(place,)) for place in places]
    for thread in threads:
        thread.start()
    arrivals, index = setup["arrivals"], 0
    now, refused = _at(7, 45), 0
    began = time.perf_counter()
    with tenant_context(office.tenant):
        while served[0] < len(arrivals) - refused and now < _at(20):
            while index < len(arrivals) and arrivals[index][0] <= now:
                moment, item = arrivals[index]
                index += 1
                try:
                    if hasattr(item, "code"):
                        ticket_check_in(booking=item, location=office.location, actor=desk, now=moment)
                    else:
                        ticket_issue(location=office.location, service=item, actor=desk, now=moment)
                except Exception:
                    refused += 1
            clock["now"] = now
            start_tick.wait()
            end_tick.wait()
            now += dt.timedelta(minutes=1)
    clock["stop"] = True
    start_tick.wait()
    for thread in threads:
        thread.join()
    return {
        "calls_ms": calls_ms,
        "empty_ms": empty_ms,
        "served": served[0],
        "refused": refused,
        "wall_s": time.perf_counter() - began,
        "last": now,
    }


def _floor(setup: dict[str, Any], samples: int) -> list[float]:
    """The bare write: one conditional UPDATE of a waiting ticket (autocommit), 30 threads at once."""
    from django.db import connection, connections

    from anlaufstelle.core.tenancy import tenant_context
    from anlaufstelle.frontdesk.models import Ticket

    office = setup["office"]
    with tenant_context(office.tenant):
        ids = list(Ticket.objects.values_list("pk", flat=True)[:samples])
        Ticket.objects.filter(pk__in=ids).update(status="waiting", counter=None, staff=None, called_at=None)
    table = Ticket._meta.db_table
    barrier = threading.Barrier(COUNTERS)
    times: list[float] = []
    lock = threading.Lock()

    def worker(mine: list[int], counter_id: int) -> None:
        try:
            barrier.wait()
            for pk in mine:
                began = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"UPDATE {table} SET status = 'called', counter_id = %s, called_at = %s "  # noqa: S608
                        "WHERE id = %s AND status = 'waiting'",
                        [counter_id, dt.datetime.now(dt.UTC), pk],
                    )
                elapsed = (time.perf_counter() - began) * 1000
                with lock:
                    times.append(elapsed)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=worker, args=(ids[i::COUNTERS], setup["counters"][i].pk)) for i in range(COUNTERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with tenant_context(office.tenant):
        Ticket.objects.filter(pk__in=ids).update(status="done", called_at=dt.datetime.now(dt.UTC))
    return times


def _display(setup: dict[str, Any]) -> dict[str, Any]:
    """Real time: a display polls every two seconds (as the page does); a counter calls at
    random moments; latency = first poll showing the call minus the call's commit."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from anlaufstelle.core.tenancy import tenant_context
    from anlaufstelle.frontdesk.services import ticket_call_next, ticket_finish, ticket_issue, ticket_start
    from anlaufstelle.frontdesk.views.public import DISPLAY_POLL_SECONDS

    office, desk = setup["office"], setup["desk"]
    counter, staff = setup["counters"][0], office.staff[0]
    host = office.tenant.hostname_list[0]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]
    client = Client(HTTP_HOST=host)
    url = reverse("frontdesk:display_state", args=[office.location.pk])
    render_ms = timed(lambda: client.get(url), repeat=40)
    rng = random.Random(3)
    latencies = []
    with tenant_context(office.tenant):
        for _ in range(DISPLAY_SAMPLES):
            ticket_issue(location=office.location, service=setup["service"], actor=desk, emergency=True)
        next_poll = time.perf_counter() + rng.uniform(0, DISPLAY_POLL_SECONDS)
        for _ in range(DISPLAY_SAMPLES):
            time.sleep(rng.uniform(0.2, DISPLAY_POLL_SECONDS))
            called = ticket_call_next(counter=counter, actor=staff)
            assert called is not None
            committed = time.perf_counter()
            for _poll in range(10):
                time.sleep(max(next_poll - time.perf_counter(), 0))
                next_poll += DISPLAY_POLL_SECONDS
                shown = called.label in client.get(url).content.decode().split("display__earlier")[0]
                if shown:
                    latencies.append((time.perf_counter() - committed) * 1000)
                    break
            else:
                raise RuntimeError(f"{called.label} never appeared on the display")
            ticket_start(ticket=called, counter=counter, actor=staff)
            ticket_finish(ticket=called, counter=counter, actor=staff)
    return {"render_ms": render_ms, "latency_ms": latencies}


def main() -> dict[str, float]:
    setup_django()
    import logging

    logging.getLogger("anlaufstelle.request").setLevel(logging.WARNING)
    from django.db import connection

    print(f"   database: {connection.vendor}; {COUNTERS} counters, {APPOINTMENTS} appointments, {WALK_INS} walk-ins")
    setup = _setup()
    day = _day(setup)
    calls = day["calls_ms"]
    floor = _floor(setup, samples=len(calls))
    display = _display(setup)
    p50, p95 = percentile(calls, 50), percentile(calls, 95)
    f50, f95 = percentile(floor, 50), percentile(floor, 95)
    print(
        f"   simulated day: {day['served']} served, {day['refused']} refused at the desk, last served "
        f"{day['last']:%H:%M}; {day['wall_s']:.1f} s wall"
    )
    print(f"   call-next (30 counters at once): p50 {p50:.2f} ms, p95 {p95:.2f} ms over {len(calls)} calls")
    print(
        f"   call-next finding nobody: p50 {percentile(day['empty_ms'], 50):.2f} ms over {len(day['empty_ms'])} calls"
    )
    print(
        f"   floor (bare conditional UPDATE, 30 threads): p50 {f50:.2f} ms, p95 {f95:.2f} ms; "
        f"call-next/floor p50 {p50 / f50:.1f}x"
    )
    render, latency = display["render_ms"], display["latency_ms"]
    print(
        f"   display state render p50 {percentile(render, 50):.1f} ms, p95 {percentile(render, 95):.1f} ms; "
        f"call to screen (poll every 2 s) mean {sum(latency) / len(latency):.0f} ms, max {max(latency):.0f} ms "
        f"over {len(latency)} calls"
    )
    return {"call_p50_ms": p50, "call_p95_ms": p95, "floor_p50_ms": f50, "display_mean_ms": sum(latency) / len(latency)}


if __name__ == "__main__":
    main()
