"""The public pages of the fair allocation: register a need, confirm it by the link in the
mail, see the position and the reason, withdraw; behind the bot guard and signed links."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from anlaufstelle.appointments.models import AllocationRequest
from anlaufstelle.appointments.services import allocation_run, booking_token, request_token
from anlaufstelle.core.botguard import botguard_issued
from anlaufstelle.core.links import link_token
from anlaufstelle.core.models import OutboxMessage

from ..factories import (
    AllocationRequestFactory,
    LocationFactory,
    ServiceFactory,
    UserFactory,
    WeeklyAvailabilityFactory,
)


@pytest.fixture(autouse=True)
def _guard_on(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.BOTGUARD_ENABLED = True
    settings.ALTCHA_NOJS_MIN_SECONDS = 20
    cache.clear()  # rate limits and used form times
    yield
    cache.clear()


@pytest.fixture
def visitor(tenant) -> Client:  # type: ignore[no-untyped-def]
    return Client(HTTP_HOST="musterstadt.localhost")


@pytest.fixture
def scarce(tenant):  # type: ignore[no-untyped-def]
    location = LocationFactory(name="Rathaus")
    staff = UserFactory()
    for weekday in range(5):
        WeeklyAvailabilityFactory(staff=staff, location=location, weekday=weekday, valid_from=dt.date(2020, 1, 1))
    service = ServiceFactory(duration_minutes=30, booking_mode="request", latest_days=14, qualified_staff=[staff])
    return {"service": service, "location": location}


def form_data(**fields: object) -> dict[str, object]:
    return {
        "given_names": "Amina",
        "family_name": "Haddad",
        "date_of_birth": "1990-05-17",
        "email": "amina@example.org",
        "phone": "",
        "language": "de",
        "permit_expires_on": "",
        "weekdays": ["0", "2"],
        "day_parts": ["am"],
        "consent": "on",
        "botguard_issued": botguard_issued(issued_at=time.time() - 30),  # the path without JavaScript
        **fields,
    }


def link_in(message: OutboxMessage, pattern: str) -> str:
    url = re.search(rf"https?://\S*{pattern}\S*", message.body_text)
    assert url is not None, message.body_text
    return urlsplit(url.group(0)).path


def test_the_form_asks_for_the_times_and_works_without_javascript(visitor, scarce) -> None:  # type: ignore[no-untyped-def]
    page = visitor.get(reverse("appointments:request_create", args=[scarce["service"].pk])).content.decode()
    assert 'type="checkbox" name="weekdays"' in page
    assert 'type="checkbox" name="day_parts"' in page
    assert 'name="botguard_issued"' in page
    assert "<noscript>" in page


def test_a_person_registers_confirms_by_the_mailed_link_and_sees_the_position(visitor, scarce) -> None:  # type: ignore[no-untyped-def]
    response = visitor.post(reverse("appointments:request_create", args=[scarce["service"].pk]), form_data())
    assert response.status_code == 200
    assert "am…@example.org" in response.content.decode()
    request = AllocationRequest.objects.get()
    assert (request.status, request.weekdays, request.day_parts) == ("unconfirmed", [0, 2], ["am"])

    message = OutboxMessage.objects.get(topic="appointments.request_check")
    confirm = link_in(message, "/bestaetigen/")
    page = visitor.get(confirm)
    assert page.status_code == 200
    assert AllocationRequest.objects.get().status == "unconfirmed"  # opening the link is not enough

    status = visitor.post(confirm, follow=True)
    assert AllocationRequest.objects.get().status == "pending"
    assert status.redirect_chain[-1][0] == confirm.removesuffix("bestaetigen/")
    assert confirm.removesuffix("bestaetigen/") in message.body_text  # the mail links the status page too
    page = status.content.decode()
    assert "Platz 1 von 1" in page
    assert "Sie sind als Nächste oder Nächster an der Reihe." in page


def test_the_status_page_explains_who_is_ahead(visitor, scarce) -> None:  # type: ignore[no-untyped-def]
    confirmed = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    AllocationRequestFactory(
        service=scarce["service"],
        location=scarce["location"],
        confirmed_at=confirmed,
        permit_expires_on=dt.date.today(),
    )
    me = AllocationRequestFactory(service=scarce["service"], location=scarce["location"], confirmed_at=confirmed)
    page = visitor.get(reverse("appointments:request_status", args=[request_token(me)])).content.decode()
    assert "Platz 2 von 2" in page
    assert "Vor Ihnen wartet 1 Person: 1 mit dringenderem Bedarf" in page


def test_the_status_page_links_an_offer_to_its_acceptance(visitor, scarce) -> None:  # type: ignore[no-untyped-def]
    request = AllocationRequestFactory(
        service=scarce["service"],
        location=scarce["location"],
        confirmed_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
        weekdays=[0, 1, 2, 3, 4],
        day_parts=["am"],
    )
    allocation_run(seed=1)
    request.refresh_from_db()
    assert request.status == "offered"
    page = visitor.get(reverse("appointments:request_status", args=[request_token(request)])).content.decode()
    assert reverse("appointments:confirm", args=[booking_token(request.offer)]) in page


def test_withdrawing_on_the_status_page_ends_the_request(visitor, scarce) -> None:  # type: ignore[no-untyped-def]
    request = AllocationRequestFactory(service=scarce["service"], location=scarce["location"])
    url = reverse("appointments:request_status", args=[request_token(request)])
    assert visitor.post(url).status_code == 302
    request.refresh_from_db()
    assert request.status == "withdrawn"
    assert "Anmeldung zurückziehen" not in visitor.get(url).content.decode()


@pytest.mark.parametrize(
    "token",
    [
        "1:forged",
        link_token("booking", "1"),  # a valid token of another kind
        "not-a-token",
    ],
)
def test_a_forged_or_foreign_link_finds_nothing(visitor, scarce, token: str) -> None:  # type: ignore[no-untyped-def]
    AllocationRequestFactory(service=scarce["service"], location=scarce["location"])
    assert visitor.get(reverse("appointments:request_status", args=[token])).status_code == 404
    assert visitor.post(reverse("appointments:request_confirm", args=[token])).status_code == 404


def test_a_link_of_another_tenants_request_finds_nothing(visitor, scarce, other_tenant) -> None:  # type: ignore[no-untyped-def]
    from anlaufstelle.core.tenancy import tenant_context

    with tenant_context(other_tenant):
        foreign = AllocationRequestFactory()
    assert visitor.get(reverse("appointments:request_status", args=[request_token(foreign)])).status_code == 404


def test_a_form_sent_without_passing_the_bot_guard_is_refused(visitor, scarce) -> None:  # type: ignore[no-untyped-def]
    url = reverse("appointments:request_create", args=[scarce["service"].pk])
    too_early = visitor.post(url, form_data(botguard_issued=botguard_issued()))
    assert too_early.status_code == 400
    assert "Bitte warten Sie noch einen Moment" in too_early.content.decode()
    assert visitor.post(url, form_data(botguard_issued="")).status_code == 400
    assert not AllocationRequest.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_second_request_of_the_same_person_is_refused_with_a_message(visitor, scarce) -> None:  # type: ignore[no-untyped-def]
    url = reverse("appointments:request_create", args=[scarce["service"].pk])
    assert visitor.post(url, form_data()).status_code == 200
    again = visitor.post(url, form_data(given_names=" AMINA ", email="Amina@example.org"))
    assert again.status_code == 400
    assert "schon eine Bedarfsanmeldung offen" in again.content.decode()
    assert AllocationRequest.objects.count() == 1


def test_a_request_without_a_weekday_gets_a_field_error(visitor, scarce) -> None:  # type: ignore[no-untyped-def]
    url = reverse("appointments:request_create", args=[scarce["service"].pk])
    response = visitor.post(url, form_data(weekdays=[]))
    assert response.status_code == 400
    assert not AllocationRequest.objects.exists()


def test_too_many_requests_from_one_address_are_stopped(visitor, scarce, settings) -> None:  # type: ignore[no-untyped-def]
    settings.RATELIMIT_BOOKING_IP = "2/h"
    url = reverse("appointments:request_create", args=[scarce["service"].pk])
    statuses = [visitor.post(url, form_data(email=f"p{i}@example.org")).status_code for i in range(3)]
    assert statuses == [200, 200, 429]


def test_a_service_booked_online_has_no_request_form(visitor, scarce) -> None:  # type: ignore[no-untyped-def]
    online = ServiceFactory(booking_mode="online")
    response = visitor.get(reverse("appointments:request_create", args=[online.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments:days", args=[online.pk])
