"""The versioned JSON API: version 1 at ``/api/v1/``, described by ``/api/v1/openapi.json``.

It lives outside the language-prefixed URLs, so the language of messages and content comes
from the Accept-Language header alone (German when none fits), never from a cookie. There is
no interactive docs page: django-ninja's would load its scripts from a CDN unless "ninja" were
an installed app, and this installation must not depend on the internet.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.core import validators
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from .appointments.api import ApiError, invalid
from .appointments.api import router as appointments_router

api = NinjaAPI(
    title="Anlaufstelle",
    version="1",
    urls_namespace="api-v1",
    docs_url=None,
    description=(
        "Services, free slots and online booking of the immigration office; the host name selects the office. "
        "Messages and content follow Accept-Language (German by default). No cookies, no sessions: a booking "
        "is read or cancelled with the token returned when it was made.\n\n"
        "Every error is `{code, detail, errors: {field: [messages]}}`: 400 `bad_request` (not JSON), "
        "404 `not_found`, 409 `slot_unavailable` (taken meanwhile), 422 `invalid` (input), `refused` "
        "(a booking rule) or `botguard` (solve a new challenge from /botguard/challenge and send it as "
        "`altcha`), 429 `rate_limited` with Retry-After."
    ),
)


def _accepted_language(request: HttpRequest) -> str:
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def _in_request_language(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run an operation, its validation and its errors in the language of Accept-Language."""

    @functools.wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = _accepted_language(request)
        with translation.override(language):
            response = run(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapper


api.add_decorator(_in_request_language, mode="view")  # "view": around validation and errors too
api.add_router("/", appointments_router)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    response = api.create_response(request, exc.body(), status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # django-ninja raises it for a body that is not JSON (400)
    detail = _("Die Anfrage ist kein gültiges JSON.") if exc.status_code == 400 else str(exc)
    return _api_error(request, ApiError(exc.status_code, "bad_request", detail))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _api_error(request, ApiError(404, "not_found", _("Nicht gefunden.")))


# Messages for what the request schema refuses: Django's own, translated into every language.
_TYPE_MESSAGES = (
    ("missing", forms.Field.default_error_messages["required"]),
    ("date_", forms.DateField.default_error_messages["invalid"]),
    ("datetime_", forms.DateTimeField.default_error_messages["invalid"]),
    ("int_", forms.IntegerField.default_error_messages["invalid"]),
)


def _schema_message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "timezone_aware":
        return _("Bitte geben Sie Datum und Uhrzeit mit Zeitzone an, z. B. 2026-05-04T09:30:00+02:00.")
    for prefix, message in _TYPE_MESSAGES:
        if kind.startswith(prefix):
            return str(message)
    return str(validators.RegexValidator.message)


@api.exception_handler(ValidationError)
def _schema_errors(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 in the one error shape: the field is the last name in pydantic's location."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # ("query", "from"), ("path", "service_id"), ("body", "payload", "email"); ("body", "payload"): all of it
        location = [part for part in error.get("loc", ()) if isinstance(part, str)]
        field = location[-1] if len(location) > (2 if location[:1] == ["body"] else 1) else NON_FIELD_ERRORS
        errors.setdefault(field, []).append(_schema_message(error))
    return _api_error(request, invalid(errors))
