"""Free-slot search for one service over 60 days at a location with 40 staff, ~60 % booked,
against the bare SQL that reads the same bookings (the floor). Target: p95 <= 20 ms.

Measured: ``slot_starts`` (what the booking pages list: the free start times of 60 days) and,
for comparison, ``slots_free`` (the same with the staff who could serve each start)."""

from __future__ import annotations

import datetime as dt
import random
import statistics

from benchmarks.support import bench_office, percentile, setup_django, timed

STAFF, DAYS, BOOKED_SHARE, REPEAT = 40, 60, 0.6, 60


def main() -> dict[str, float]:
    setup_django()
    from django.db import connection, transaction

    from anlaufstelle.appointments.models import Booking, BookingCell, Service
    from anlaufstelle.appointments.selectors import (
        BERLIN,
        GRID,
        HOLDING_STATUSES,
        LONGEST_BOOKING,
        slot_starts,
        slots_free,
        window_cells,
    )
    from anlaufstelle.core.tenancy import tenant_context

    rng = random.Random(7)
    day_from = dt.date(2027, 1, 4)
    day_to = day_from + dt.timedelta(days=DAYS - 1)
    shifts = ((dt.time(7, 30), dt.time(12)), (dt.time(13), dt.time(16)))
    with transaction.atomic():
        office = bench_office(slug="bench-slots", staff_count=STAFF, shifts=shifts, valid_from=day_from)
    tenant, section, location, staff = office.tenant, office.section, office.location, office.staff
    with tenant_context(tenant), transaction.atomic():
        service = Service.objects.create(section=section, name="Bench", name_de="Bench", duration_minutes=30)
        service.qualified_staff.set(staff)
        bookings, cells = [], []
        day = day_from
        while day <= day_to:
            if day.weekday() < 5:
                for member in staff:
                    for start, end in shifts:
                        window = window_cells(day, start, end)
                        for i in range(0, len(window) - 1, 2):
                            if rng.random() < BOOKED_SHARE:
                                booking = Booking(
                                    service=service,
                                    location=location,
                                    staff=member,
                                    starts_at=window[i],
                                    ends_at=window[i] + 2 * GRID,
                                    code=f"B{len(bookings):07d}",
                                    tenant=tenant,
                                )
                                bookings.append(booking)
                                cells += [(booking, window[i]), (booking, window[i + 1])]
            day += dt.timedelta(days=1)
        Booking.objects.bulk_create(bookings, batch_size=2000)
        BookingCell.objects.bulk_create(
            (BookingCell(booking=b, staff_id=b.staff_id, starts_at=c, tenant=tenant) for b, c in cells), batch_size=5000
        )
    staff_ids = [m.pk for m in staff]
    range_start = dt.datetime.combine(day_from, dt.time(0), tzinfo=BERLIN)
    range_end = dt.datetime.combine(day_to + dt.timedelta(days=1), dt.time(0), tzinfo=BERLIN)
    now = range_start - dt.timedelta(days=1)

    first, last = int(range_start.timestamp()), int(range_end.timestamp())
    longest = int(LONGEST_BOOKING.total_seconds())

    def bare() -> object:
        staff_marks = ",".join(["%s"] * len(staff_ids))
        status_marks = ",".join(["%s"] * len(HOLDING_STATUSES))
        with connection.cursor() as cursor:
            # The same rows by the same index as the selector: tenant, staff, bounded start range.
            cursor.execute(
                "SELECT staff_id, starts_epoch, ends_epoch FROM appointments_booking "  # noqa: S608
                f"WHERE tenant_id = %s AND staff_id IN ({staff_marks}) AND status IN ({status_marks}) "
                "AND starts_epoch >= %s AND starts_epoch < %s AND ends_epoch > %s",
                [tenant.pk, *staff_ids, *HOLDING_STATUSES, first - longest, last, first],
            )
            return cursor.fetchall()

    def listing() -> object:
        with tenant_context(tenant):
            return slot_starts(service=service, location=location, day_from=day_from, day_to=day_to, now=now)

    def with_staff() -> object:
        with tenant_context(tenant):
            return slots_free(service=service, location=location, day_from=day_from, day_to=day_to, now=now)

    floor_name, listing_name, staff_name = (
        "bare query of the bookings (floor)",
        "slot_starts, 60 days, 40 staff",
        "slots_free (with staff), 60 days",
    )
    results = {}
    found = listing()
    assert [s.starts_at for s in with_staff()] == found
    for name, fn in ((floor_name, bare), (listing_name, listing), (staff_name, with_staff)):
        samples = timed(fn, REPEAT)
        results[name] = statistics.median(samples)
        results[name + " p95"] = percentile(samples, 95)
    floor = results[floor_name]
    print(
        f"   {len(bookings)} bookings, {len(cells)} booked cells, {len(found)} free start times ({connection.vendor})"
    )
    for name in (floor_name, listing_name, staff_name):
        p50, p95 = results[name], results[name + " p95"]
        print(f"   {name:40s} p50 {p50:8.2f} ms  p95 {p95:8.2f} ms  ratio to floor {p50 / floor:5.2f}x")
    verdict = "ok" if results[listing_name + " p95"] <= 20 else "ABOVE TARGET"
    print(f"   target p95 <= 20 ms (slot_starts): {verdict}")
    return results


if __name__ == "__main__":
    main()
