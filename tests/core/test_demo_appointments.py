"""The demo city's appointments: services, staff presence, history and the weeks ahead.

The demo is loaded once for the module, inside a transaction rolled back at the end; each test
runs in a savepoint of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

import pytest
from django.utils import timezone

from anlaufstelle.appointments.models import (
    OPEN_STATUSES,
    AllocationRequest,
    Booking,
    BookingCell,
    BookingStatus,
    CellHold,
    Location,
    Service,
    WaitlistEntry,
)
from anlaufstelle.appointments.selectors import BERLIN, GRID, available_cells, booking_window, slots_free
from anlaufstelle.core.demo import DemoContext
from anlaufstelle.core.i18n import TranslationStatus
from anlaufstelle.core.models import Person, Tenant
from anlaufstelle.core.tenancy import tenant_context

pytestmark = pytest.mark.django_db

MAIN_SERVICES = [
    "Verlängerung der Aufenthaltserlaubnis",
    "Niederlassungserlaubnis",
    "Familiennachzug – Ehegattin oder Ehegatte",
    "Fiktionsbescheinigung",
    "Einbürgerung – Beratung",
    "Blaue Karte EU – Erteilung",
    "Aufenthaltserlaubnis zum Studium",
]
HOLDING = [BookingStatus.ATTENDED, BookingStatus.NO_SHOW, *OPEN_STATUSES]


@pytest.fixture
def musterstadt(city: DemoContext) -> Iterator[Tenant]:
    tenant = Tenant.objects.get(slug="musterstadt")
    with tenant_context(tenant):
        yield tenant


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=BERLIN)


def cells_of(booking: Booking) -> list[dt.datetime]:
    return [booking.starts_at + i * GRID for i in range(booking.service.cells)]


def test_the_office_offers_about_25_services_in_all_four_sections_and_all_three_booking_modes(
    musterstadt: Tenant,
) -> None:
    services = list(Service.objects.select_related("section"))

    assert 22 <= len(services) <= 30
    assert {s.section.code for s in services} == {"1", "2", "3", "4"}
    modes = Counter(s.booking_mode for s in services)
    assert set(modes) == {"online", "request", "desk"}
    assert modes["request"] in (2, 3)
    assert modes["desk"] == 2
    assert all(s.duration_minutes % 15 == 0 and 15 <= s.duration_minutes <= 60 for s in services)
    assert all(s.documents.strip() and s.fee.strip() for s in services)
    assert Location.objects.count() == 2


def test_every_online_service_has_free_slots_within_its_booking_window(musterstadt: Tenant) -> None:
    now = timezone.now()
    without_slots = []
    for service in Service.objects.filter(booking_mode=Service.BookingMode.ONLINE):
        first, last = booking_window(service=service, now=now)
        if not any(
            slots_free(service=service, location=location, day_from=first, day_to=last, now=now)
            for location in Location.objects.all()
        ):
            without_slots.append(service.name)
    assert without_slots == []


def test_no_staff_member_has_two_appointments_at_the_same_time(musterstadt: Tenant) -> None:
    bookings = list(Booking.objects.filter(status__in=HOLDING).select_related("service"))
    held = set(BookingCell.objects.filter(hold=CellHold.BOOKING).values_list("booking_id", "staff_id", "starts_at"))

    assert len(bookings) > 5000
    assert held == {(b.pk, b.staff_id, cell) for b in bookings for cell in cells_of(b)}
    by_staff: dict[int, list[Booking]] = {}
    for booking in bookings:
        by_staff.setdefault(booking.staff_id, []).append(booking)
    for own in by_staff.values():
        own.sort(key=lambda b: b.starts_at)
        assert all(earlier.ends_at <= later.starts_at for earlier, later in pairwise(own))


def test_every_attended_or_missed_appointment_lies_within_the_staff_members_presence(
    musterstadt: Tenant, city: DemoContext
) -> None:
    past = Booking.objects.filter(status__in=[BookingStatus.ATTENDED, BookingStatus.NO_SHOW]).select_related("service")
    first = min(b.starts_at for b in past).astimezone(BERLIN).date()
    staff = set(past.values_list("staff_id", flat=True))
    outside = []
    for location in Location.objects.all():
        present = available_cells(
            staff_ids=staff, location=location, day_from=first, day_to=city.today, free_only=False
        )
        outside += [
            b.code for b in past.filter(location=location) if not set(cells_of(b)) <= present.get(b.staff_id, set())
        ]
    assert outside == []


def test_the_past_weeks_have_attended_appointments_no_shows_and_cancellations(
    musterstadt: Tenant, city: DemoContext
) -> None:
    past = list(Booking.objects.filter(starts_at__lt=midnight(city.today)))
    shares = {status: n / len(past) for status, n in Counter(b.status for b in past).items()}
    channels = Counter(b.channel for b in past)

    assert past[0].starts_at.date() <= city.today - dt.timedelta(days=84)
    assert set(shares) == {BookingStatus.ATTENDED, BookingStatus.NO_SHOW, BookingStatus.CANCELLED}
    assert 0.75 <= shares[BookingStatus.ATTENDED] <= 0.85
    assert 0.06 <= shares[BookingStatus.NO_SHOW] <= 0.14
    assert 0.06 <= shares[BookingStatus.CANCELLED] <= 0.14
    assert channels.most_common(1)[0][0] == Booking.Channel.ONLINE
    assert set(channels) == set(Booking.Channel.values)
    assert any(b.urgency for b in past)
    assert all(b.created_at < b.starts_at for b in past)
    assert all(b.confirmed_at and b.confirmed_at < b.cancelled_at < b.starts_at for b in past if b.cancelled_at)
    assert any(b.replaced_by_id for b in past)


def test_the_next_days_are_booked_more_densely_than_the_weeks_after(musterstadt: Tenant, city: DemoContext) -> None:
    main = Location.objects.get(emergency_share__gt=0)
    today = city.today
    present = available_cells(
        staff_ids=set(Booking.objects.values_list("staff_id", flat=True)),
        location=main,
        day_from=today,
        day_to=today + dt.timedelta(days=27),
        free_only=False,
    )
    booked = set(BookingCell.objects.filter(hold=CellHold.BOOKING).values_list("staff_id", "starts_at"))

    def share_booked(first: int, last: int) -> float:
        start, end = midnight(today + dt.timedelta(days=first)), midnight(today + dt.timedelta(days=last + 1))
        cells = [(s, c) for s, own in present.items() for c in own if start <= c < end]
        return sum(cell in booked for cell in cells) / len(cells)

    near, far = share_booked(1, 7), share_booked(20, 27)
    assert 0.55 <= near <= 0.85
    assert 0.3 <= far < near - 0.1
    assert Booking.objects.filter(status=BookingStatus.RESERVED, hold_until__gt=timezone.now()).exists()


def test_the_emergency_share_is_held_back_for_the_days_ahead(musterstadt: Tenant, city: DemoContext) -> None:
    main = Location.objects.get(emergency_share__gt=0)
    tomorrow = city.today + dt.timedelta(days=1)
    held = BookingCell.objects.filter(hold=CellHold.EMERGENCY, location=main)

    assert main.emergency_share == 15
    assert main.emergency_release_time == dt.time(7, 0)
    assert held.exists()
    assert not held.filter(starts_at__lt=midnight(tomorrow)).exists()
    assert held.filter(starts_at__gte=midnight(city.today + dt.timedelta(days=40))).exists()


def test_the_main_services_are_translated_into_arabic_and_ukrainian_and_gaps_remain(musterstadt: Tenant) -> None:
    services = {s.name_de: s for s in Service.objects.all()}  # type: ignore[attr-defined]

    for name in MAIN_SERVICES:
        for language in ("ar", "uk", "en", "de-simple"):
            assert services[name].field_translation_status("name", language) == TranslationStatus.CURRENT
    assert services["Fiktionsbescheinigung"].translation_status("ar") == TranslationStatus.CURRENT
    statuses = Counter(s.translation_status("ar") for s in services.values())
    assert statuses[TranslationStatus.MISSING] >= 5
    extension = services["Verlängerung der Aufenthaltserlaubnis"]
    assert extension.field_translation_status("description", "en") == TranslationStatus.OUTDATED
    assert extension.name_ar == "تمديد تصريح الإقامة"  # type: ignore[attr-defined]


def test_people_wait_for_an_earlier_time_or_for_an_allocation(musterstadt: Tenant, city: DemoContext) -> None:
    entries = list(WaitlistEntry.objects.select_related("booking"))
    pending = list(AllocationRequest.objects.filter(status=AllocationRequest.Status.PENDING).select_related("service"))

    assert len(entries) >= 10
    assert all(e.status == WaitlistEntry.Status.WAITING and e.confirmed_at for e in entries)
    assert all(e.booking and e.booking.status == BookingStatus.CONFIRMED for e in entries)
    assert len(pending) >= 30
    assert {r.service.booking_mode for r in pending} == {Service.BookingMode.REQUEST}
    assert all(r.weekdays and set(r.weekdays) <= set(range(5)) for r in pending)
    assert all(r.day_parts and set(r.day_parts) <= {"am", "pm"} for r in pending)
    assert all(re.fullmatch(r"[0-9a-f]{64}", r.duplicate_key) for r in pending)
    assert len({r.duplicate_key for r in pending}) == len(pending)
    soon = city.today + dt.timedelta(weeks=10)
    assert any(r.permit_expires_on and r.permit_expires_on <= soon for r in pending)


def test_people_who_book_have_email_addresses_at_example_domains_only(musterstadt: Tenant) -> None:
    domains = {email.rpartition("@")[2] for email in Person.objects.exclude(email="").values_list("email", flat=True)}
    codes = list(Booking.objects.values_list("code", flat=True))

    assert domains <= {"example.org", "example.com", "example.net"}
    assert Booking.objects.filter(person__isnull=True).count() == 0
    assert len(set(codes)) == len(codes)
    assert all(len(code) == 8 for code in codes)


def test_the_small_tenant_has_one_location_and_a_few_services(city: DemoContext) -> None:
    with tenant_context(Tenant.objects.get(slug="beispielheim")):
        assert Location.objects.count() == 1
        assert 2 <= Service.objects.count() <= 3
        assert not Booking.objects.exists()
