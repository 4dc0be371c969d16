"""The desk's pages: check in by booking code, name search (audited), walk-in ticket, the
printable slip (no personal data), the workstation without JavaScript."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from anlaufstelle.core.models import AuditEntry
from anlaufstelle.frontdesk.models import QueueRule, Ticket, TicketStatus

from ..factories import BookingFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked_now(office):  # type: ignore[no-untyped-def]
    starts = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=5)
    return BookingFactory(
        service=office.permit,
        location=office.location,
        staff=office.employment_staff[0],
        person=PersonFactory(family_name="Haddad", given_names="Amina", date_of_birth=dt.date(1990, 5, 17)),
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=30),
        code="ACDE3479",
    )


def test_the_desk_checks_a_person_in_by_code_and_sees_the_documents(office, booked_now, client_for, personas) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.frontdesk)
    response = client.post("/mitarbeit/empfang/einchecken/", {"code": "acde3479", "standort": office.location.pk})
    ticket = Ticket.objects.get(booking=booked_now)
    assert response.status_code == 302
    assert response["Location"] == f"/mitarbeit/empfang/wartemarke/{ticket.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "A001" in page
    assert "Reisepass" in page
    assert "Biometrisches Foto" in page


def test_an_unknown_code_is_answered_with_a_clear_message(office, client_for, personas) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.frontdesk).post(
        "/mitarbeit/empfang/einchecken/", {"code": "NOPE7777", "standort": office.location.pk}
    )
    assert response.status_code == 409
    assert "Zu dieser Buchungsnummer gibt es keinen Termin" in response.content.decode()
    assert not Ticket.objects.exists()


def test_the_name_search_finds_todays_appointment_and_is_audited(office, booked_now, client_for, personas) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.frontdesk).get(
        "/mitarbeit/empfang/einchecken/suche/",
        {"family_name": "haddad", "date_of_birth": "1990-05-17", "standort": office.location.pk},
    )
    assert "Haddad, Amina" in response.content.decode()
    assert AuditEntry.objects.filter(action="search", details__results=[booked_now.pk]).exists()


def test_a_walk_in_ticket_is_issued_and_its_slip_carries_no_personal_data(
    office, booked_now, client_for, personas
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.frontdesk)
    client.post("/mitarbeit/empfang/einchecken/", {"code": "ACDE3479", "standort": office.location.pk})
    checked_in = Ticket.objects.get(booking=booked_now)
    response = client.post(
        "/mitarbeit/empfang/wartemarke/", {"service": office.reunion.pk, "standort": office.location.pk}
    )
    walk_in = Ticket.objects.get(booking__isnull=True)
    assert response["Location"] == f"/mitarbeit/empfang/wartemarke/{walk_in.pk}/"
    assert walk_in.label == "B001"
    slip = client.get(f"/mitarbeit/empfang/wartemarke/{checked_in.pk}/drucken/").content.decode()
    assert "A001" in slip
    assert "/wartemarke/" in slip
    assert "<svg" in slip
    assert "Haddad" not in slip
    assert "Amina" not in slip


def test_a_walk_in_after_the_cut_off_is_refused_with_the_time(office, client_for, personas) -> None:  # type: ignore[no-untyped-def]
    QueueRule.objects.create(section=office.employment, prefix="A", walk_in_cutoff=dt.time(0, 0))
    response = client_for(personas.frontdesk).post(
        "/mitarbeit/empfang/wartemarke/", {"service": office.permit.pk, "standort": office.location.pk}
    )
    assert response.status_code == 409
    assert "Annahmeschluss für Wartemarken ohne Termin war heute um 00:00" in response.content.decode()
    assert not Ticket.objects.exists()


def test_the_workstation_works_with_plain_form_posts(office, client_for, personas) -> None:  # type: ignore[no-untyped-def]
    office.permit.qualified_staff.add(personas.caseworker)
    client = client_for(personas.caseworker)
    desk = client_for(personas.frontdesk)
    desk.post("/mitarbeit/empfang/wartemarke/", {"service": office.permit.pk, "standort": office.location.pk})
    ticket = Ticket.objects.get()
    assert "Am Schalter anmelden" in client.get("/mitarbeit/empfang/platz/").content.decode()
    steps = [
        ({"action": "sign_in", "counter": office.counters[2].pk}, TicketStatus.WAITING),
        ({"action": "call_next"}, TicketStatus.CALLED),
        ({"action": "start", "ticket": ticket.pk}, TicketStatus.SERVING),
        ({"action": "finish", "ticket": ticket.pk}, TicketStatus.DONE),
        ({"action": "sign_out"}, TicketStatus.DONE),
    ]
    for step, status in steps:
        response = client.post("/mitarbeit/empfang/platz/", step)
        assert response.status_code == 302, step
        ticket.refresh_from_db()
        assert ticket.status == status, step
    assert ticket.counter == office.counters[2]
    assert "Am Schalter anmelden" in client.get("/mitarbeit/empfang/platz/").content.decode()
