"""Callback queue with its call log and KPI, contact answers through the outbox, retention,
and who of the staff sees which requests."""

from __future__ import annotations

import datetime as dt

import pytest

from anlaufstelle.controlling.kpis import Scope, kpis_compute
from anlaufstelle.core.models import OutboxMessage
from anlaufstelle.frontdesk.models import CallbackRequest, ContactMessage
from anlaufstelle.frontdesk.selectors import callback_queue
from anlaufstelle.frontdesk.services import (
    FrontdeskError,
    callback_attempt_record,
    contact_message_answer,
    contact_retention_purge,
)

from ..factories import CallbackRequestFactory, ContactMessageFactory
from .conftest import at

pytestmark = pytest.mark.django_db


def test_reaching_the_person_closes_the_request_and_the_first_call_is_kept(personas) -> None:  # type: ignore[no-untyped-def]
    request = CallbackRequestFactory(section=personas.section)
    callback_attempt_record(request=request, actor=personas.caseworker, outcome="no_answer", now=at(9))
    callback_attempt_record(request=request, actor=personas.caseworker, outcome="reached", now=at(11))
    request.refresh_from_db()
    assert (request.status, request.first_attempt_at, request.closed_at) == ("done", at(9), at(11))
    with pytest.raises(FrontdeskError, match="abgeschlossen"):
        callback_attempt_record(request=request, actor=personas.caseworker, outcome="reached", now=at(12))


def test_three_unanswered_calls_end_the_request(personas) -> None:  # type: ignore[no-untyped-def]
    request = CallbackRequestFactory(section=personas.section)
    for hour in (9, 11, 14):
        callback_attempt_record(request=request, actor=personas.caseworker, outcome="no_answer", now=at(hour))
    request.refresh_from_db()
    assert request.status == CallbackRequest.Status.GIVEN_UP


def test_caseworkers_see_the_callbacks_of_their_sections_the_desk_sees_all(personas) -> None:  # type: ignore[no-untyped-def]
    mine = CallbackRequestFactory(section=personas.section)
    theirs = CallbackRequestFactory(section=personas.other_section)
    unrouted = CallbackRequestFactory(section=None)
    assert list(callback_queue(user=personas.caseworker)) == [mine]
    assert list(callback_queue(user=personas.frontdesk)) == [mine, theirs, unrouted]


def test_the_kpi_counts_calls_within_one_working_day_over_a_weekend(personas) -> None:  # type: ignore[no-untyped-def]
    friday = dt.date(2026, 3, 6)
    on_time = CallbackRequestFactory(section=personas.section)
    late = CallbackRequestFactory(section=personas.section)
    never = CallbackRequestFactory(section=personas.section)
    CallbackRequest.objects.filter(pk__in=[on_time.pk, late.pk, never.pk]).update(created_at=at(15, day=friday))
    monday, tuesday = dt.date(2026, 3, 9), dt.date(2026, 3, 10)
    callback_attempt_record(request=on_time, actor=personas.caseworker, outcome="reached", now=at(14, day=monday))
    callback_attempt_record(request=late, actor=personas.caseworker, outcome="reached", now=at(9, day=tuesday))
    # The controlling figure, from the attempts the callback queue logged.
    figures = kpis_compute(scope=Scope(friday, friday), now=at(18, day=tuesday)).figures
    assert (round(figures["callbacks_in_time"], 1), figures["callbacks"]) == (33.3, 3)


def test_an_answer_goes_out_through_the_outbox_in_the_persons_language(
    personas, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    message = ContactMessageFactory(section=personas.section, language="en", subject="Parking")
    with django_capture_on_commit_callbacks():
        contact_message_answer(message=message, actor=personas.caseworker, answer="Behind the town hall.", now=at(10))
    message.refresh_from_db()
    assert (message.status, message.answered_at) == (ContactMessage.Status.ANSWERED, at(10))
    mail = OutboxMessage.objects.get(topic="frontdesk.contact_answer")
    assert mail.recipients == [message.email]
    assert "Behind the town hall." in mail.body_text
    assert "Parking" in mail.subject
    with pytest.raises(FrontdeskError, match="schon beantwortet"):
        contact_message_answer(message=message, actor=personas.caseworker, answer="Again", now=at(11))


def test_the_retention_job_empties_old_requests_and_messages_of_personal_data_only(personas) -> None:  # type: ignore[no-untyped-def]
    old_call, new_call = CallbackRequestFactory(), CallbackRequestFactory()
    old_message, new_message = ContactMessageFactory(), ContactMessageFactory()
    callback_attempt_record(
        request=old_call, actor=personas.caseworker, outcome="reached", note="Frau K. erreicht", now=at(9)
    )
    CallbackRequest.objects.filter(pk=old_call.pk).update(created_at=at(9) - dt.timedelta(days=31))
    ContactMessage.objects.filter(pk=old_message.pk).update(created_at=at(9) - dt.timedelta(days=181))
    assert contact_retention_purge(now=at(9)) == {"callbacks": 1, "messages": 1}
    assert contact_retention_purge(now=at(9)) == {"callbacks": 0, "messages": 0}  # nothing left to empty

    old_call.refresh_from_db()
    assert (old_call.name, old_call.phone, old_call.message) == ("", "", "")
    assert [attempt.note for attempt in old_call.attempts.all()] == [""]
    # What the reachability figures need stays.
    assert old_call.first_attempt_at is not None
    assert old_call.status != "open"
    old_message.refresh_from_db()
    assert (old_message.name, old_message.email, old_message.subject, old_message.message) == ("", "", "", "")
    assert old_message.section_id is not None
    assert old_message.created_at is not None
    new_call.refresh_from_db()
    new_message.refresh_from_db()
    assert new_call.name
    assert new_call.phone
    assert new_message.email
    assert new_message.message
