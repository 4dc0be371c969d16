"""The production WSGI application sends the JSON API through its short middleware
(``core.handlers``) and pages through the whole one; the API answers there as in every other test
(which run through the test client's full middleware), with its headers and without cookies."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone

from anlaufstelle.appointments.models import Booking, BookingStatus
from anlaufstelle.appointments.selectors import booking_window, slots_free
from anlaufstelle.core.handlers import ApiHandler
from anlaufstelle.wsgi import application


@pytest.fixture(autouse=True)
def _botguard_off(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BOTGUARD_ENABLED = False  # as in the other API tests: no challenge to solve


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    """As Django's test client does: a request must not close the connection of the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call(method: str, path: str, body: Any = None, **headers: str) -> tuple[int, dict[str, str], bytes]:
    data = json.dumps(body).encode() if body is not None else b""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.input": io.BytesIO(data),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    answer: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]], *_exc: Any) -> None:
        answer["status"] = int(status.split()[0])
        answer["headers"] = {}
        for name, value in response_headers:  # Set-Cookie may come more than once
            answer["headers"][name] = answer["headers"].get(name, "") + value

    content = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], content


def test_a_booking_through_the_production_application_is_reserved_with_the_apis_headers(office) -> None:  # type: ignore[no-untyped-def]
    first, last = booking_window(service=office["service"])
    slot = slots_free(service=office["service"], location=office["location"], day_from=first, day_to=last)[0]
    body = {
        "service": office["service"].pk,
        "location": office["location"].pk,
        "starts_at": timezone.localtime(slot.starts_at).isoformat(),
        "given_names": "Amina",
        "family_name": "Haddad",
        "email": "amina.haddad@example.org",
    }

    status, headers, content = call("POST", "/api/v1/bookings", body, accept_language="ar")

    assert status == 201, content
    assert json.loads(content)["status"] == BookingStatus.RESERVED
    assert Booking.objects.get().person.preferred_language == "ar"
    assert headers["Content-Language"] == "ar"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Request-ID"]
    assert "Set-Cookie" not in headers

    for index in range(1, len(office["staff"])):  # the others who could serve the time
        assert call("POST", "/api/v1/bookings", {**body, "email": f"other{index}@example.org"})[0] == 201
    status, _headers, content = call("POST", "/api/v1/bookings", {**body, "email": "late@example.org"})
    assert (status, json.loads(content)["code"]) == (409, "slot_unavailable")


def test_an_unknown_host_gets_no_api_either(office) -> None:  # type: ignore[no-untyped-def]
    status, _headers, _content = call("GET", "/api/v1/services", host="unknown.example")

    assert status in (400, 404)  # Django's host check (400) or no tenant for the host (404)


def test_pages_still_pass_the_whole_middleware(office, settings) -> None:  # type: ignore[no-untyped-def]
    status, headers, _content = call("GET", reverse(settings.LOGIN_URL))

    assert status == 200
    assert "csrftoken" in headers.get("Set-Cookie", "")  # CSRF, sessions and the rest apply to pages


def test_the_api_handler_has_only_the_api_middleware(settings) -> None:  # type: ignore[no-untyped-def]
    handler = ApiHandler()
    handler.load_middleware()

    assert len(settings.API_MIDDLEWARE) < len(settings.MIDDLEWARE)
    assert set(settings.API_MIDDLEWARE) <= set(settings.MIDDLEWARE)
