"""Reachability: callbacks within one working day, contact-form answer times."""

import datetime as dt

import pytest

from anlaufstelle.controlling.kpis import Scope, kpis_compute
from anlaufstelle.frontdesk.models import CallbackRequest, ContactMessage

from ..factories import CallbackRequestFactory, ContactMessageFactory
from .helpers import berlin

# Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are holidays in NW
SCOPE = Scope(dt.date(2026, 3, 30), dt.date(2026, 4, 5))
NOW = berlin(dt.date(2026, 4, 20), 12)


def _callback(created: dt.datetime, first_attempt: dt.datetime | None) -> None:
    item = CallbackRequestFactory()
    CallbackRequest.objects.filter(pk=item.pk).update(created_at=created, first_attempt_at=first_attempt)


def test_a_callback_is_in_time_until_the_same_hour_of_the_next_working_day(tenant) -> None:
    _callback(berlin(dt.date(2026, 3, 30), 10), berlin(dt.date(2026, 3, 31), 9))  # Mon → Tue: in time
    _callback(berlin(dt.date(2026, 3, 30), 10), berlin(dt.date(2026, 3, 31), 11))  # one hour late
    _callback(berlin(dt.date(2026, 4, 2), 15), berlin(dt.date(2026, 4, 7), 14))  # Thu → Tue after Easter: in time
    _callback(berlin(dt.date(2026, 4, 4), 11), None)  # Saturday, never called: late
    figures = kpis_compute(scope=SCOPE, now=NOW).figures
    assert figures["callbacks"] == 4
    assert figures["callbacks_in_time"] == pytest.approx(50.0)


def test_a_callback_not_yet_due_is_left_out(tenant) -> None:
    _callback(berlin(dt.date(2026, 4, 2), 15), None)
    assert kpis_compute(scope=SCOPE, now=berlin(dt.date(2026, 4, 6), 12)).figures["callbacks_in_time"] is None


def test_contact_answer_times_and_open_messages(tenant) -> None:
    for created, answered in [
        (berlin(dt.date(2026, 3, 30), 9), berlin(dt.date(2026, 3, 30), 13)),  # 4 h
        (berlin(dt.date(2026, 3, 31), 9), berlin(dt.date(2026, 4, 1), 9)),  # 24 h
        (berlin(dt.date(2026, 4, 5), 9), None),  # open
    ]:
        item = ContactMessageFactory()
        ContactMessage.objects.filter(pk=item.pk).update(
            created_at=created, answered_at=answered, status="answered" if answered else "new"
        )
    figures = kpis_compute(scope=SCOPE, now=NOW).figures
    assert figures["contact_answer_median"] == pytest.approx(14.0)
    assert figures["contact_answer_p90"] == pytest.approx(22.0)
    assert figures["contact_open"] == 1
