"""The anonymous feedback survey: invitation mail, one-use link, counter QR code, no link to the person."""

import datetime as dt

import pytest

from anlaufstelle.controlling.models import FeedbackInvitation, FeedbackResponse
from anlaufstelle.controlling.services import counter_token, feedback_invitations_send
from anlaufstelle.core.models import OutboxMessage

from ..factories import CounterFactory, PersonFactory
from .helpers import berlin, booking

NOW = berlin(dt.date(2026, 3, 10), 9)
ANSWER = {"waiting": "2", "friendliness": "5", "clarity": "4", "result": "", "comment": "Lange gewartet."}


@pytest.fixture
def invitation_url(tenant) -> str:  # type: ignore[no-untyped-def]
    person = PersonFactory(preferred_language="ar")
    booking(
        created=berlin(dt.date(2026, 3, 1), 9), starts=berlin(dt.date(2026, 3, 9), 10), status="attended", person=person
    )
    booking(created=berlin(dt.date(2026, 3, 1), 9), starts=berlin(dt.date(2026, 3, 9), 11), status="no_show")
    assert feedback_invitations_send(now=NOW) == 1
    message = OutboxMessage.objects.get(topic="controlling.feedback")
    assert message.recipients == [person.email]
    return next(line for line in message.body_text.splitlines() if "/rueckmeldung/" in line).split("testserver", 1)[-1]


def test_each_day_is_mailed_once(invitation_url) -> None:
    assert feedback_invitations_send(now=NOW) == 0
    assert FeedbackInvitation.objects.count() == 1


def test_an_answer_is_stored_without_the_person_and_the_link_works_once(invitation_url, client) -> None:
    path = invitation_url[invitation_url.index("/ar/rueckmeldung/") :]
    page = client.get(path, HTTP_HOST="musterstadt.localhost")
    assert page.status_code == 200
    assert 'dir="rtl"' in page.content.decode()
    assert client.post(path, ANSWER, HTTP_HOST="musterstadt.localhost").status_code == 200
    answer = FeedbackResponse.objects.get()
    assert (answer.day, answer.waiting, answer.result, answer.source) == (dt.date(2026, 3, 9), 2, None, "mail")
    assert {field.name for field in FeedbackResponse._meta.get_fields()}.isdisjoint({"person", "booking", "invitation"})
    again = client.post(path, ANSWER, HTTP_HOST="musterstadt.localhost")
    assert again.status_code == 410
    assert FeedbackResponse.objects.count() == 1


def test_a_forged_link_is_refused(tenant, client) -> None:
    response = client.get("/rueckmeldung/abc:def/", HTTP_HOST="musterstadt.localhost")
    assert response.status_code == 410


def test_the_counter_qr_code_leads_to_the_same_form(tenant, client) -> None:
    counter = CounterFactory()
    path = f"/rueckmeldung/schalter/{counter_token(counter_id=counter.pk)}/"
    assert client.post(path, {"friendliness": "5"}, HTTP_HOST="musterstadt.localhost").status_code == 200
    answer = FeedbackResponse.objects.get()
    assert (answer.source, answer.location_id, answer.friendliness) == ("counter", counter.location_id, 5)


def test_an_answer_needs_at_least_one_rating(tenant, client) -> None:
    path = f"/rueckmeldung/schalter/{counter_token(counter_id=CounterFactory().pk)}/"
    response = client.post(path, {"comment": "nur Text"}, HTTP_HOST="musterstadt.localhost")
    assert "Bitte beantworten Sie mindestens eine Frage." in response.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_response_rate_and_scores_reach_the_kpis(invitation_url, client) -> None:
    from anlaufstelle.controlling.kpis import Scope, kpis_compute

    path = invitation_url[invitation_url.index("/ar/rueckmeldung/") :]
    client.post(path, ANSWER, HTTP_HOST="musterstadt.localhost")
    figures = kpis_compute(scope=Scope(dt.date(2026, 3, 9), dt.date(2026, 3, 9))).figures
    assert figures["feedback_response_rate"] == 100.0
    assert figures["feedback_overall"] == pytest.approx(11 / 3)
    assert figures["feedback_responses"] == 1
    questions = ("waiting", "friendliness", "clarity", "result")
    means = {question: figures[f"feedback_{question}"] for question in questions}
    assert means == {"waiting": 2, "friendliness": 5, "clarity": 4, "result": None}  # nobody rated the result
