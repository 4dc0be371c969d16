"""Public pages of the front desk: the ticket status page and the call-up display show no
personal data; the callback and contact forms route to the concern's section."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.utils import timezone

from anlaufstelle.core.botguard import botguard_issued
from anlaufstelle.frontdesk.models import CallbackRequest, ContactMessage
from anlaufstelle.frontdesk.services import (
    counter_sign_in,
    ticket_call_next,
    ticket_check_in,
    ticket_issue,
    ticket_recall,
    ticket_token,
)

from ..factories import BookingFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="musterstadt.localhost")


@pytest.fixture
def called(office):  # type: ignore[no-untyped-def]
    """A booked person (with name) called at counter 1, and a walk-in still waiting."""
    now = timezone.now()
    booking = BookingFactory(
        service=office.permit,
        location=office.location,
        person=PersonFactory(family_name="Haddad", given_names="Amina"),
        starts_at=now,
        ends_at=now + timezone.timedelta(minutes=30),
    )
    booked = ticket_check_in(booking=booking, location=office.location, actor=office.desk)
    waiting = ticket_issue(location=office.location, service=office.permit, actor=office.desk)
    counter_sign_in(counter=office.counters[0], staff=office.employment_staff[0])
    ticket_call_next(counter=office.counters[0], actor=office.employment_staff[0])
    return {"booked": booked, "waiting": waiting}


def test_the_status_page_shows_place_in_queue_and_the_call_without_personal_data(client, called) -> None:  # type: ignore[no-untyped-def]
    waiting = client.get(f"/wartemarke/{ticket_token(called['waiting'])}/").content.decode()
    assert "A002" in waiting
    assert "Sie warten." in waiting
    booked = client.get(f"/wartemarke/{ticket_token(called['booked'])}/").content.decode()
    assert "Bitte kommen Sie zu Schalter 1" in booked
    for page in (waiting, booked):
        assert "Haddad" not in page
        assert "Amina" not in page
        assert "Aufenthaltserlaubnis" not in page  # not even the concern


def test_a_made_up_status_link_is_not_found(client, called) -> None:  # type: ignore[no-untyped-def]
    assert client.get(f"/wartemarke/{called['booked'].pk}:forged/").status_code == 404


def test_the_display_shows_the_latest_call_first_and_a_recall_moves_it_up_again(client, office, called) -> None:  # type: ignore[no-untyped-def]
    counter_sign_in(counter=office.counters[1], staff=office.employment_staff[1])
    ticket_call_next(counter=office.counters[1], actor=office.employment_staff[1])
    state = client.get(f"/aufruf/{office.location.pk}/stand/").content.decode()
    assert state.index("A002") < state.index("A001")
    ticket_recall(ticket=called["booked"], counter=office.counters[0], actor=office.employment_staff[0])
    state = client.get(f"/aufruf/{office.location.pk}/stand/").content.decode()
    assert state.index("A001") < state.index("A002")
    page = client.get(f"/aufruf/{office.location.pk}/").content.decode()
    assert "Haddad" not in page
    assert "Amina" not in page
    assert 'hx-trigger="every 2s"' in page


def _guard() -> dict[str, str]:
    return {"botguard_issued": botguard_issued(issued_at=time.time() - 120)}


def _callback(concern: object, **fields: str) -> dict[str, object]:
    """A filled-in callback form (without the bot guard)."""
    data: dict[str, object] = {
        "concern": concern,
        "name": "Amina Haddad",
        "phone": "+49 170 1234567",
        "language": "ar",
        "window": "morning",
        "consent": "on",
    }
    return {**data, **fields}


def test_a_callback_request_lands_in_the_section_of_its_concern(client, office) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/rueckruf/", {**_callback(office.reunion.pk), **_guard()})
    assert response.status_code == 302
    request = CallbackRequest.objects.get()
    assert (request.section, request.language, request.window) == (office.family, "ar", "morning")


def test_a_callback_request_without_the_bot_guard_is_refused(client, office) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/rueckruf/", _callback("other", name="X", language="de", window="any"))
    assert response.status_code == 200
    assert not CallbackRequest.objects.exists()


def test_a_contact_message_about_something_else_goes_to_the_front_desk(client, office) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/en/kontakt/nachricht/",
        {
            "concern": "other",
            "name": "Jane Doe",
            "email": "jane@example.org",
            "language": "en",
            "subject": "Question",
            "message": "Where do I park?",
            "consent": "on",
            **_guard(),
        },
    )
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert (message.section, message.status, message.language) == (None, "new", "en")
