"""The caseworker's workstation: who is called next, recall, no-show after the configured
number of calls, serving, finishing, transfer, and the guards around one counter."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from anlaufstelle.appointments.models import BookingStatus
from anlaufstelle.frontdesk.models import CounterSession, EventKind, QueueRule, Ticket, TicketStatus
from anlaufstelle.frontdesk.services import (
    FrontdeskError,
    counter_sign_in,
    counter_sign_out,
    ticket_call,
    ticket_call_next,
    ticket_check_in,
    ticket_finish,
    ticket_issue,
    ticket_no_show,
    ticket_recall,
    ticket_start,
    ticket_transfer,
)

from ..factories import BookingFactory, PersonFactory
from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def station(office):  # type: ignore[no-untyped-def]
    """The first caseworker of employment, signed in at counter 1."""
    counter, staff = office.counters[0], office.employment_staff[0]
    counter_sign_in(counter=counter, staff=staff, now=at(7, 55))
    return counter, staff


def walk_in(office, minute: int, service=None, **kwargs) -> Ticket:  # type: ignore[no-untyped-def]
    return ticket_issue(
        location=office.location, service=service or office.permit, actor=office.desk, now=at(8, minute), **kwargs
    )


def test_walk_ins_are_called_in_order_of_arrival_and_emergencies_first(office, station) -> None:  # type: ignore[no-untyped-def]
    counter, staff = station
    first, second = walk_in(office, 0), walk_in(office, 1)
    emergency = walk_in(office, 2, emergency=True)
    called = []
    for minute in (10, 20, 30):
        ticket = ticket_call_next(counter=counter, actor=staff, now=at(8, minute))
        assert ticket is not None
        called.append(ticket.label)
        ticket_start(ticket=ticket, counter=counter, actor=staff, now=at(8, minute + 1))
        ticket_finish(ticket=ticket, counter=counter, actor=staff, now=at(8, minute + 5))
    assert called == [emergency.label, first.label, second.label]
    assert ticket_call_next(counter=counter, actor=staff, now=at(9)) is None


def test_a_booked_person_is_called_before_walk_ins_from_the_appointments_start_on(office, station) -> None:  # type: ignore[no-untyped-def]
    counter, staff = station
    booking = BookingFactory(
        service=office.permit, location=office.location, person=PersonFactory(), starts_at=at(9), ends_at=at(9, 30)
    )
    walk = walk_in(office, 30)
    booked = ticket_check_in(booking=booking, location=office.location, actor=office.desk, now=at(8, 40))
    # Before nine the walk-in goes first, the booked person waits for their time ...
    assert ticket_call_next(counter=counter, actor=staff, now=at(8, 45)) == walk
    ticket_start(ticket=walk, counter=counter, actor=staff, now=at(8, 46))
    ticket_finish(ticket=walk, counter=counter, actor=staff, now=at(8, 50))
    later = walk_in(office, 55)
    # ... and from nine on they come before every walk-in.
    assert ticket_call_next(counter=counter, actor=staff, now=at(9, 1)) == booked
    assert later.status == TicketStatus.WAITING


def test_a_counter_only_calls_tickets_its_staff_have_the_skill_for(office, station) -> None:  # type: ignore[no-untyped-def]
    counter, staff = station
    family = walk_in(office, 0, service=office.reunion)
    assert ticket_call_next(counter=counter, actor=staff, now=at(8, 5)) is None
    counter_sign_in(counter=office.counters[1], staff=office.family_staff, now=at(8, 6))
    assert ticket_call_next(counter=office.counters[1], actor=office.family_staff, now=at(8, 7)) == family


def test_recall_counts_calls_and_no_show_needs_the_configured_number(office, station) -> None:  # type: ignore[no-untyped-def]
    counter, staff = station
    QueueRule.objects.create(section=office.employment, prefix="A", calls_before_no_show=2)
    booking = BookingFactory(
        service=office.permit, location=office.location, person=PersonFactory(), starts_at=at(8), ends_at=at(8, 30)
    )
    ticket = ticket_check_in(booking=booking, location=office.location, actor=office.desk, now=at(7, 50))
    ticket_call_next(counter=counter, actor=staff, now=at(8))
    with pytest.raises(FrontdeskError, match="erst nach 2 Aufrufen"):
        ticket_no_show(ticket=ticket, counter=counter, actor=staff, now=at(8, 2))
    assert ticket_recall(ticket=ticket, counter=counter, actor=staff, now=at(8, 3)).calls == 2
    ticket_no_show(ticket=ticket, counter=counter, actor=staff, now=at(8, 5))
    ticket.refresh_from_db()
    booking.refresh_from_db()
    assert ticket.status == TicketStatus.NO_SHOW
    assert booking.status == BookingStatus.NO_SHOW
    assert list(ticket.events.values_list("kind", flat=True)) == [
        EventKind.CHECKED_IN,
        EventKind.CALLED,
        EventKind.RECALLED,
        EventKind.NO_SHOW,
    ]
    assert CounterSession.objects.get(counter=counter, ended_at__isnull=True).current_ticket is None


def test_finishing_a_booked_person_marks_the_appointment_attended(office, station) -> None:  # type: ignore[no-untyped-def]
    counter, staff = station
    booking = BookingFactory(
        service=office.permit, location=office.location, person=PersonFactory(), starts_at=at(8), ends_at=at(8, 30)
    )
    ticket = ticket_check_in(booking=booking, location=office.location, actor=office.desk, now=at(7, 50))
    ticket_call(ticket=ticket, counter=counter, actor=staff, now=at(8))
    ticket_start(ticket=ticket, counter=counter, actor=staff, now=at(8, 1))
    ticket_finish(ticket=ticket, counter=counter, actor=staff, now=at(8, 20))
    booking.refresh_from_db()
    ticket.refresh_from_db()
    assert booking.status == BookingStatus.ATTENDED
    assert (ticket.status, ticket.started_at, ticket.finished_at) == (TicketStatus.DONE, at(8, 1), at(8, 20))


def test_a_transferred_person_keeps_their_number_and_waits_in_the_other_section(office, station) -> None:  # type: ignore[no-untyped-def]
    counter, staff = station
    ticket = walk_in(office, 0)
    ticket_call_next(counter=counter, actor=staff, now=at(8, 5))
    ticket_start(ticket=ticket, counter=counter, actor=staff, now=at(8, 6))
    with pytest.raises(FrontdeskError, match="worum es geht"):
        ticket_transfer(ticket=ticket, counter=counter, actor=staff, service=office.reunion, note=" ", now=at(8, 9))
    ticket_transfer(
        ticket=ticket, counter=counter, actor=staff, service=office.reunion, note="Ehegattennachzug", now=at(8, 10)
    )
    ticket.refresh_from_db()
    assert (ticket.label, ticket.section, ticket.status, ticket.note) == (
        "A001",
        office.family,
        TicketStatus.WAITING,
        "Ehegattennachzug",
    )
    counter_sign_in(counter=office.counters[1], staff=office.family_staff, now=at(8, 11))
    assert ticket_call_next(counter=office.counters[1], actor=office.family_staff, now=at(8, 12)) == ticket
    assert ticket_call_next(counter=counter, actor=staff, now=at(8, 12)) is None  # counter 1 is free again


def test_a_counter_with_a_called_person_cannot_call_the_next(office, station) -> None:  # type: ignore[no-untyped-def]
    counter, staff = station
    walk_in(office, 0)
    walk_in(office, 1)
    ticket_call_next(counter=counter, actor=staff, now=at(8, 5))
    with pytest.raises(FrontdeskError, match="noch Wartemarke A001"):
        ticket_call_next(counter=counter, actor=staff, now=at(8, 6))


def test_only_the_signed_in_staff_member_acts_at_a_counter(office, station) -> None:  # type: ignore[no-untyped-def]
    counter, _staff = station
    walk_in(office, 0)
    with pytest.raises(FrontdeskError, match="nicht angemeldet"):
        ticket_call_next(counter=counter, actor=office.employment_staff[1], now=at(8, 5))
    with pytest.raises(FrontdeskError, match="schon besetzt"):
        counter_sign_in(counter=counter, staff=office.employment_staff[1], now=at(8, 5))


def test_a_specific_ticket_another_counter_called_is_refused(office, station) -> None:  # type: ignore[no-untyped-def]
    counter, staff = station
    ticket = walk_in(office, 0)
    other, colleague = office.counters[1], office.employment_staff[1]
    counter_sign_in(counter=other, staff=colleague, now=at(8))
    ticket_call(ticket=ticket, counter=other, actor=colleague, now=at(8, 5))
    with pytest.raises(FrontdeskError, match="anderen Schalter aufgerufen"):
        ticket_call(ticket=ticket, counter=counter, actor=staff, now=at(8, 5))


def test_signing_out_puts_a_called_person_back_in_the_queue(office, station) -> None:  # type: ignore[no-untyped-def]
    counter, staff = station
    ticket = walk_in(office, 0)
    ticket_call_next(counter=counter, actor=staff, now=at(8, 5))
    counter_sign_out(counter=counter, actor=staff, now=at(8, 6))
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING
    assert not CounterSession.objects.filter(ended_at__isnull=True).exists()


def test_the_database_refuses_one_ticket_at_two_counters(office, station) -> None:  # type: ignore[no-untyped-def]
    counter, staff = station
    ticket = walk_in(office, 0)
    ticket_call_next(counter=counter, actor=staff, now=at(8, 5))
    colleague = counter_sign_in(counter=office.counters[1], staff=office.employment_staff[1], now=at(8))
    colleague.current_ticket = ticket
    with pytest.raises(IntegrityError), transaction.atomic():
        colleague.save()
