"""The JSON API (/api/v1/): services, free slots, booking by API with the rules of the HTML flow,
reading and cancelling by token, errors in one shape, and a valid OpenAPI document."""

from __future__ import annotations

import datetime as dt
from typing import Any

import altcha
import pytest
from django.test import Client
from django.utils import timezone
from openapi_spec_validator import validate
from pytest_django import Settings

from anlaufstelle.appointments.models import Booking, BookingStatus, CellHold
from anlaufstelle.appointments.selectors import Slot, booking_window, slots_free
from anlaufstelle.appointments.services import booking_receipt_token
from anlaufstelle.core.models import OutboxMessage, Person, Tenant
from anlaufstelle.core.tenancy import tenant_context

from ..factories import LocationFactory, ServiceFactory

API = "/api/v1"


@pytest.fixture(autouse=True)
def botguard_off(settings: Settings) -> None:
    """The happy paths run as a load test would; the bot-guard tests switch it back on."""
    settings.BOTGUARD_ENABLED = False


def free_slots(office: dict[str, Any]) -> list[Slot]:
    first, last = booking_window(service=office["service"])
    return slots_free(service=office["service"], location=office["location"], day_from=first, day_to=last)


def booking_body(office: dict[str, Any], slot: Slot, **overrides: Any) -> dict[str, Any]:
    body = {
        "service": office["service"].pk,
        "location": office["location"].pk,
        "starts_at": timezone.localtime(slot.starts_at).isoformat(),
        "given_names": "Amina",
        "family_name": "Haddad",
        "email": "amina.haddad@example.org",
        "phone": "+49 170 1234567",
        "language": "ar",
    }
    body.update(overrides)
    return body


def post_booking(client: Client, body: dict[str, Any], **headers: str) -> Any:
    return client.post(f"{API}/bookings", body, content_type="application/json", headers=headers)


def solved(challenge: dict[str, Any]) -> str:
    """The ``altcha`` value a browser would send after solving ``challenge``."""
    parsed = altcha.Challenge.from_dict(challenge)
    solution = altcha.solve_challenge(parsed, timeout=10)
    assert solution is not None
    return altcha.Payload(parsed, solution).to_base64()


@pytest.fixture
def botguard_on(settings: Settings) -> None:
    settings.BOTGUARD_ENABLED = True
    settings.ALTCHA_MAX_NUMBER = 40  # little work, so the Python solver is quick
    settings.ALTCHA_COST = 10


# --- Services and slots --------------------------------------------------------------------------


def test_the_services_are_listed_in_the_request_language_with_german_as_fallback(client, office):  # type: ignore[no-untyped-def]
    translated = office["service"]
    translated.name_en = "Residence permit"
    translated.documents = "Reisepass\nFoto"
    translated.save()
    untranslated = ServiceFactory(section=translated.section, name="Einbürgerung", name_de="Einbürgerung")
    ServiceFactory(section=translated.section, is_active=False)

    response = client.get(f"{API}/services", headers={"accept-language": "en"})

    assert response.status_code == 200
    by_id = {service["id"]: service for service in response.json()}
    assert set(by_id) == {translated.pk, untranslated.pk}
    assert by_id[translated.pk]["name"] == "Residence permit"
    assert by_id[untranslated.pk]["name"] == "Einbürgerung"
    assert by_id[translated.pk]["documents"] == ["Reisepass", "Foto"]
    first, last = booking_window(service=translated)
    assert by_id[translated.pk]["booking_window"] == {"first": first.isoformat(), "last": last.isoformat()}
    assert response["Content-Language"] == "en"


def test_the_free_slots_default_to_the_booking_window_and_carry_their_offset(client, office):  # type: ignore[no-untyped-def]
    expected = free_slots(office)

    response = client.get(f"{API}/services/{office['service'].pk}/slots")

    assert response.status_code == 200
    slots = response.json()["slots"]
    assert [dt.datetime.fromisoformat(slot["starts_at"]) for slot in slots] == [s.starts_at for s in expected]
    assert slots[0]["starts_at"][-6:] in {"+01:00", "+02:00"}
    assert {slot["location"] for slot in slots} == {office["location"].pk}
    assert response.json()["locations"][0]["name"] == "Rathaus"


def test_a_range_reaching_beyond_the_booking_window_is_clamped_to_it(client, office):  # type: ignore[no-untyped-def]
    first, last = booking_window(service=office["service"])

    response = client.get(
        f"{API}/services/{office['service'].pk}/slots",
        {"from": (first - dt.timedelta(days=30)).isoformat(), "to": (last + dt.timedelta(days=30)).isoformat()},
    )

    days = {dt.datetime.fromisoformat(slot["starts_at"]).date() for slot in response.json()["slots"]}
    assert days
    assert first <= min(days)
    assert max(days) <= last


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-05-10", "to": "2026-05-09"}, "to"),
        ({"from": "10.05.2026"}, "from"),
        ({"to": "2026-02-30"}, "to"),
        ({"location": "0"}, "location"),
        ({"location": "Rathaus"}, "location"),
    ],
)
def test_a_wrong_range_or_location_is_refused_with_the_field_named(client, office, query, field):  # type: ignore[no-untyped-def]
    response = client.get(f"{API}/services/{office['service'].pk}/slots", query)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert list(response.json()["errors"]) == [field]


def test_an_unknown_service_and_one_of_another_tenant_are_not_found(client, office, other_tenant: Tenant):  # type: ignore[no-untyped-def]
    with tenant_context(other_tenant):
        foreign = ServiceFactory()

    unknown = client.get(f"{API}/services/999999/slots")
    other = client.get(f"{API}/services/{foreign.pk}/slots")

    assert unknown.status_code == other.status_code == 404
    assert other.json()["code"] == "not_found"
    assert foreign.pk not in {service["id"] for service in client.get(f"{API}/services").json()}


# --- Booking -------------------------------------------------------------------------------------


def test_a_booking_by_api_is_reserved_and_sends_the_address_check(client, office):  # type: ignore[no-untyped-def]
    slot = free_slots(office)[0]

    response = post_booking(client, booking_body(office, slot))

    assert response.status_code == 201, response.json()
    data = response.json()
    booking = Booking.objects.get()
    assert data["code"] == booking.code
    assert data["status"] == "reserved"
    assert dt.datetime.fromisoformat(data["starts_at"]) == slot.starts_at
    assert dt.datetime.fromisoformat(data["ends_at"]) == slot.ends_at
    assert dt.datetime.fromisoformat(data["hold_until"]) == booking.hold_until.replace(microsecond=0)
    assert data["token"] == booking_receipt_token(booking)
    assert booking.status == BookingStatus.RESERVED
    assert booking.origin_network == "127.0.0.0/24"
    assert booking.person is not None
    assert booking.person.preferred_language == "ar"
    message = OutboxMessage.objects.get(topic="appointments.address_check")
    assert message.recipients == ["amina.haddad@example.org"]
    assert response["Cache-Control"].startswith("max-age=0")


def test_booking_needs_no_csrf_token_and_sets_no_cookie(office):  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    slot = free_slots(office)[0]

    created = post_booking(client, booking_body(office, slot))
    cancelled = client.delete(f"{API}/bookings/{created.json()['token']}")

    assert created.status_code == 201
    assert cancelled.status_code == 200
    assert not created.cookies
    assert not cancelled.cookies
    assert "Set-Cookie" not in created.headers


def test_a_staff_session_changes_nothing_in_the_api(client_for, personas, office):  # type: ignore[no-untyped-def]
    staff = client_for(personas.frontdesk)
    slot = free_slots(office)[0]

    listed = staff.get(f"{API}/services")
    created = post_booking(staff, booking_body(office, slot))

    assert listed.status_code == 200
    assert created.status_code == 201
    assert not listed.cookies
    assert not created.cookies
    assert Booking.objects.get().channel == Booking.Channel.ONLINE


def test_a_session_without_second_factor_changes_nothing_in_the_api(client, office):  # type: ignore[no-untyped-def]
    client.force_login(office["staff"][0])  # password only, as a session from before 2FA was required

    response = client.get(f"{API}/services")

    assert response.status_code == 200
    assert not response.cookies


def test_the_mail_language_defaults_to_the_language_of_the_request(client, office):  # type: ignore[no-untyped-def]
    body = booking_body(office, free_slots(office)[0])
    del body["language"]

    post_booking(client, body, accept_language="uk, en;q=0.5")

    assert Person.objects.get().preferred_language == "uk"


def test_contact_data_beyond_the_limits_of_the_contact_form_is_refused_per_field(client, office):  # type: ignore[no-untyped-def]
    body = booking_body(
        office, free_slots(office)[0], given_names="A" * 151, email="not-an-address", phone="call me", language="xx"
    )

    response = post_booking(client, body)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert set(response.json()["errors"]) == {"given_names", "email", "phone", "language"}
    assert "150" in response.json()["errors"]["given_names"][0]
    assert not Booking.objects.exists()


def test_an_unknown_service_or_location_in_a_booking_is_a_field_error(client, office):  # type: ignore[no-untyped-def]
    other_place = LocationFactory()
    slot = free_slots(office)[0]

    unknown_service = post_booking(client, booking_body(office, slot, service=999999))
    wrong_location = post_booking(client, booking_body(office, slot, location=other_place.pk))

    assert unknown_service.status_code == wrong_location.status_code == 422
    assert list(unknown_service.json()["errors"]) == ["service"]
    assert list(wrong_location.json()["errors"]) == ["location"]


def test_schema_errors_come_in_the_same_shape_and_in_the_request_language(client, office):  # type: ignore[no-untyped-def]
    body = booking_body(office, free_slots(office)[0], starts_at="2026-05-04T09:30:00")
    del body["email"]

    german = post_booking(client, body)
    english = post_booking(client, body, accept_language="en")

    assert german.status_code == english.status_code == 422
    assert set(german.json()["errors"]) == {"starts_at", "email"}
    assert german.json()["errors"]["email"] == ["Dieses Feld ist zwingend erforderlich."]
    assert english.json()["errors"]["email"] == ["This field is required."]
    assert english["Content-Language"] == "en"


def test_a_body_that_is_not_json_is_a_bad_request_in_the_same_shape(client, office):  # type: ignore[no-untyped-def]
    response = client.post(f"{API}/bookings", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_a_slot_taken_meanwhile_is_a_conflict_and_leaves_nothing_behind(client, office):  # type: ignore[no-untyped-def]
    slot = free_slots(office)[0]
    for index in range(len(office["staff"])):  # everybody who could serve this time is booked meanwhile
        post_booking(client, booking_body(office, slot, email=f"other{index}@example.org"))

    response = post_booking(client, booking_body(office, slot))

    assert response.status_code == 409
    assert response.json()["code"] == "slot_unavailable"
    assert "nicht mehr frei" in response.json()["detail"]
    assert not Person.objects.filter(email="amina.haddad@example.org").exists()


def test_a_time_already_gone_is_a_conflict_before_the_contact_data_are_checked(client, office, settings):  # type: ignore[no-untyped-def]
    slot = free_slots(office)[0]
    for index in range(len(office["staff"])):
        post_booking(client, booking_body(office, slot, email=f"other{index}@example.org"))
    settings.BOTGUARD_ENABLED = True  # no solved challenge either: the answer would be the same with one

    response = post_booking(client, booking_body(office, slot, email="not an address"))

    assert response.status_code == 409
    assert response.json()["code"] == "slot_unavailable"


def test_a_time_the_rules_exclude_is_reported_after_the_problems_of_the_input(client, office):  # type: ignore[no-untyped-def]
    slot = free_slots(office)[0]
    later = slot.starts_at + dt.timedelta(days=365)

    response = post_booking(
        client, booking_body(office, slot, starts_at=timezone.localtime(later).isoformat(), email="not an address")
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert set(response.json()["errors"]) == {"email"}


def test_a_booking_that_breaks_a_rule_is_refused_with_the_reason(client, office):  # type: ignore[no-untyped-def]
    slot = free_slots(office)[0]
    later = slot.starts_at + dt.timedelta(days=365)

    response = post_booking(client, booking_body(office, slot, starts_at=timezone.localtime(later).isoformat()))

    assert response.status_code == 422
    assert response.json()["code"] == "refused"
    assert response.json()["errors"] == {"__all__": [response.json()["detail"]]}
    assert "buchen" in response.json()["detail"]


# --- Bot guard and rate limits -------------------------------------------------------------------


@pytest.mark.usefixtures("botguard_on")
def test_with_the_bot_guard_on_a_booking_without_a_solution_is_refused(client, office):  # type: ignore[no-untyped-def]
    response = post_booking(client, booking_body(office, free_slots(office)[0]))

    assert response.status_code == 422
    assert response.json()["code"] == "botguard"
    assert list(response.json()["errors"]) == ["altcha"]
    assert not Booking.objects.exists()


@pytest.mark.usefixtures("botguard_on")
def test_with_the_bot_guard_on_a_solved_challenge_books_once(client, office):  # type: ignore[no-untyped-def]
    slots = free_slots(office)
    solution = solved(client.get(f"{API}/botguard/challenge").json())

    first = post_booking(client, booking_body(office, slots[0], altcha=solution))
    again = post_booking(client, booking_body(office, slots[1], altcha=solution, email="b@example.org"))

    assert first.status_code == 201
    assert again.status_code == 422
    assert again.json()["code"] == "botguard"


@pytest.mark.usefixtures("botguard_on")
def test_too_many_bookings_from_one_address_get_429_with_retry_after(client, office, settings):  # type: ignore[no-untyped-def]
    settings.RATELIMIT_BOOKING_IP = "2/h"
    body = booking_body(office, free_slots(office)[0])

    responses = [post_booking(client, body) for _ in range(3)]

    assert [r.status_code for r in responses] == [422, 422, 429]
    assert responses[-1].json()["code"] == "rate_limited"
    assert responses[-1]["Retry-After"] == "3600"


@pytest.mark.usefixtures("botguard_on")
def test_too_many_bookings_for_one_e_mail_address_get_429(client, office, settings):  # type: ignore[no-untyped-def]
    settings.RATELIMIT_BOOKING_EMAIL = "1/10m"
    slots = free_slots(office)
    challenge = f"{API}/botguard/challenge"

    first = post_booking(client, booking_body(office, slots[0], altcha=solved(client.get(challenge).json())))
    second = post_booking(
        client,
        booking_body(office, slots[1], email="Amina.Haddad+2@example.org", altcha=solved(client.get(challenge).json())),
    )

    assert first.status_code == 201
    assert second.status_code == 429
    assert second["Retry-After"] == "600"
    assert Booking.objects.count() == 1


# --- Reading and cancelling by token -------------------------------------------------------------


def test_the_token_reads_the_booking_without_personal_data(client, office):  # type: ignore[no-untyped-def]
    token = post_booking(client, booking_body(office, free_slots(office)[0])).json()["token"]

    response = client.get(f"{API}/bookings/{token}")

    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "reserved"
    assert data["service"]["id"] == office["service"].pk
    assert data["location"]["id"] == office["location"].pk
    assert "Amina" not in response.content.decode()
    assert "amina.haddad" not in response.content.decode()


def test_a_forged_token_or_one_of_another_tenant_is_not_found(client, office, other_tenant: Tenant):  # type: ignore[no-untyped-def]
    token = post_booking(client, booking_body(office, free_slots(office)[0])).json()["token"]
    code = Booking.objects.get().code
    with tenant_context(other_tenant):
        other_host = Client(HTTP_HOST="beispielheim.localhost")

        from_other_tenant = other_host.get(f"{API}/bookings/{token}")

    assert client.get(f"{API}/bookings/{code}").status_code == 404
    assert client.get(f"{API}/bookings/{code}:forged").status_code == 404
    assert client.delete(f"{API}/bookings/{code}:forged").status_code == 404
    assert from_other_tenant.status_code == 404


def test_cancelling_by_token_uses_the_service_of_the_mail_link_and_is_idempotent(client, office):  # type: ignore[no-untyped-def]
    token = post_booking(client, booking_body(office, free_slots(office)[0])).json()["token"]

    first = client.delete(f"{API}/bookings/{token}")
    again = client.delete(f"{API}/bookings/{token}")

    assert first.status_code == again.status_code == 200
    assert first.json()["status"] == again.json()["status"] == "cancelled"
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.CANCELLED
    assert set(booking.cells.values_list("hold", flat=True)) == {CellHold.EMBARGO}
    assert OutboxMessage.objects.filter(topic="appointments.cancelled").count() == 1


# --- The document --------------------------------------------------------------------------------


def test_the_openapi_document_is_valid_and_there_is_no_docs_page(client, tenant):  # type: ignore[no-untyped-def]
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["info"]["version"] == "1"
    assert {"/api/v1/services", "/api/v1/bookings", "/api/v1/bookings/{token}"} <= set(document["paths"])
    assert client.get(f"{API}/docs").status_code == 404
