"""Checking a booked person in: by the QR code's token, the booking code, with the window for
early and late arrival; unknown, forged, used, cancelled and misplaced bookings are refused
with a message the desk can act on."""

from __future__ import annotations

import datetime as dt

import pytest

from anlaufstelle.appointments.models import BookingStatus
from anlaufstelle.appointments.services.mail import checkin_token
from anlaufstelle.core.models import AuditEntry
from anlaufstelle.frontdesk.models import EventKind, Priority
from anlaufstelle.frontdesk.services import (
    AlreadyCheckedIn,
    AppointmentMissed,
    CheckInRefused,
    booking_from_scan,
    ticket_check_in,
)

from ..factories import BookingFactory, LocationFactory
from .conftest import at

pytestmark = pytest.mark.django_db


def test_the_scanned_qr_token_finds_the_booking(booking) -> None:  # type: ignore[no-untyped-def]
    assert booking_from_scan(text=checkin_token(booking) + "\n") == booking


def test_a_typed_booking_code_finds_the_booking_whatever_the_case_and_spacing(booking) -> None:  # type: ignore[no-untyped-def]
    assert booking_from_scan(text=" acde 3479 ") == booking


def test_a_forged_qr_token_and_an_unknown_code_are_refused(booking) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CheckInRefused, match="QR-Code ist ungültig"):
        booking_from_scan(text="ACDE3479:forged-signature")
    with pytest.raises(CheckInRefused, match="keinen Termin"):
        booking_from_scan(text="XXXX9999")


def test_checking_in_on_time_queues_the_person_from_the_appointments_start(office, booking) -> None:  # type: ignore[no-untyped-def]
    ticket = ticket_check_in(booking=booking, location=office.location, actor=office.desk, now=at(9, 45))
    assert ticket.label == "A001"
    assert ticket.priority == Priority.APPOINTMENT
    assert ticket.ready_at == booking.starts_at
    assert list(ticket.events.values_list("kind", flat=True)) == [EventKind.CHECKED_IN]
    entry = AuditEntry.objects.get(object_type="frontdesk.ticket")
    assert entry.person_id == booking.person_id


def test_too_early_names_the_time_from_which_check_in_is_possible(office, booking) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CheckInRefused, match="ab 09:30"):
        ticket_check_in(booking=booking, location=office.location, actor=office.desk, now=at(9, 29))


def test_more_than_the_allowed_lateness_means_the_appointment_is_missed(office, booking) -> None:  # type: ignore[no-untyped-def]
    assert ticket_check_in(booking=booking, location=office.location, actor=office.desk, now=at(10, 15))
    other = BookingFactory(service=office.permit, location=office.location, starts_at=at(10), ends_at=at(10, 30))
    with pytest.raises(AppointmentMissed, match="Verspätung"):
        ticket_check_in(booking=other, location=office.location, actor=office.desk, now=at(10, 16))


def test_a_second_check_in_of_the_same_booking_names_the_ticket_already_issued(office, booking) -> None:  # type: ignore[no-untyped-def]
    ticket_check_in(booking=booking, location=office.location, actor=office.desk, now=at(9, 50))
    with pytest.raises(AlreadyCheckedIn, match="A001 um 09:50"):
        ticket_check_in(booking=booking, location=office.location, actor=office.desk, now=at(9, 55))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": BookingStatus.CANCELLED, "cancelled_at": dt.datetime(2026, 3, 1, tzinfo=dt.UTC)}, "abgesagt"),
        ({"status": BookingStatus.RESERVED, "hold_until": dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)}, "nie bestätigt"),
        ({"starts_at": at(10, day=dt.date(2026, 3, 3)), "ends_at": at(11, day=dt.date(2026, 3, 3))}, "nicht heute"),
    ],
)
def test_cancelled_unconfirmed_and_other_days_are_refused(office, booking, change, message) -> None:  # type: ignore[no-untyped-def]
    for name, value in change.items():
        setattr(booking, name, value)
    booking.save()
    with pytest.raises(CheckInRefused, match=message):
        ticket_check_in(booking=booking, location=office.location, actor=office.desk, now=at(9, 50))


def test_an_appointment_at_another_location_is_refused_with_its_place(office, booking) -> None:  # type: ignore[no-untyped-def]
    elsewhere = LocationFactory(name="Bürgerbüro Nord")
    with pytest.raises(CheckInRefused, match="Rathaus"):
        ticket_check_in(booking=booking, location=elsewhere, actor=office.desk, now=at(9, 50))
