"""Appointments in the JSON API (``/api/v1/``): services, free slots, online booking.

The endpoints call the selectors and services of the HTML flow (``views/public.py``) with the
same limits: :class:`ContactForm` checks the contact data (without its consent box: an app
that books through the API asks for consent itself) and, in its ``clean()``, the bot guard on
the ``altcha`` field; the rate limits count in the same groups as the HTML form. No endpoint
reads or writes a session or cookie: a booking is reached later only through its signed token.

Every error has the shape of :class:`ErrorOut`: ``code`` for programs, ``detail`` for people
(in the language of Accept-Language), ``errors`` field -> messages (``__all__``: the whole
request). The status codes and their ``code``:

- 400 ``bad_request``: the body is not JSON.
- 404 ``not_found``: unknown service or token (also one of another tenant).
- 409 ``slot_unavailable``: somebody else took the time meanwhile; choose another. Said before
  the contact data and the bot guard are checked: the answer would be the same with any.
- 422 ``invalid``: input that does not fit; ``refused``: a booking rule (window, caps, mode);
  ``botguard``: the ALTCHA solution in ``altcha`` is missing, wrong or used - solve a new
  challenge. A failed bot guard is a 422, not a 403: it is a field of the request that the
  client can put right, and nobody is more or less authorised to book.
- 429 ``rate_limited``: too many bookings from one address or for one e-mail address;
  Retry-After gives the seconds after which the limit has surely been lifted.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import AwareDatetime

from anlaufstelle.core.botguard import (
    ALTCHA_FIELD,
    challenge_create,
    client_ip,
    network_of,
    normalised_email,
    rate_limit_hit,
)
from anlaufstelle.core.middleware import request_id

from .forms import ContactForm
from .models import Booking, BookingStatus, Location, Service
from .selectors import booking_window, service_active, service_locations, slots_free
from .services import (
    BookingError,
    BookingRefused,
    Contact,
    SlotUnavailable,
    booking_available,
    booking_by_token,
    booking_cancel,
    booking_receipt_token,
    booking_reserve,
)

router = Router(tags=["appointments"])


# --- Errors ------------------------------------------------------------------------------------


class ErrorOut(Schema):
    code: str = Field(
        description="bad_request, not_found, invalid, botguard, refused, slot_unavailable or rate_limited"
    )
    detail: str = Field(description="A message for the person, in the language of Accept-Language")
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Messages per request field; __all__: about the whole request"
    )


class ApiError(Exception):
    """Ends an API call with ``status`` and an :class:`ErrorOut` body (and ``headers``)."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.errors = errors or {}
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "detail": self.detail, "errors": self.errors}


def invalid(errors: dict[str, list[str]]) -> ApiError:
    """422 for input that does not fit, with the messages per field."""
    return ApiError(422, "invalid", _("Bitte prüfen Sie Ihre Angaben."), errors=errors)


_RATE = re.compile(r"^\d+/(\d*)([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _too_many(rate: str) -> ApiError:
    # django-ratelimit counts in fixed windows of one period: after one period the count has
    # surely started afresh. (The exact rest of the window is not exposed by rate_limit_hit.)
    match = _RATE.match(rate)
    seconds = int(match.group(1) or 1) * _UNIT_SECONDS[match.group(2)] if match else 3600
    return ApiError(
        429,
        "rate_limited",
        _("Zu viele Buchungen in kurzer Zeit. Bitte versuchen Sie es später noch einmal."),
        headers={"Retry-After": str(seconds)},
    )


# --- Schemas -----------------------------------------------------------------------------------


class SectionOut(Schema):
    code: str
    name: str


class WindowOut(Schema):
    first: dt.date = Field(description="First day that can be booked online now")
    last: dt.date = Field(description="Last day that can be booked online now")


class ServiceOut(Schema):
    id: int
    name: str
    section: SectionOut
    duration_minutes: int
    booking_mode: Service.BookingMode = Field(
        description="online: bookable here; request: by allocation request only; desk: at the front desk only"
    )
    documents: list[str] = Field(description="Documents to bring, one per entry")
    fee: str
    booking_window: WindowOut | None = Field(description="Only for services bookable online")


class LocationOut(Schema):
    id: int
    name: str
    street: str
    postcode: str
    city: str


class SlotQuery(Schema):
    day_from: dt.date | None = Field(None, alias="from", description="First day (default: the window's first)")
    day_to: dt.date | None = Field(None, alias="to", description="Last day (default: the window's last)")
    location: int | None = Field(None, description="Only this location (default: every location of the service)")


class SlotOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: int


class SlotsOut(Schema):
    booking_window: WindowOut | None = Field(description="The search is clamped to it; null: not bookable online")
    locations: list[LocationOut]
    slots: list[SlotOut]


class ServiceRefOut(Schema):
    id: int
    name: str


class BookingOut(Schema):
    code: str = Field(description="The booking number, for the front desk and the phone")
    status: BookingStatus
    starts_at: dt.datetime
    ends_at: dt.datetime
    hold_until: dt.datetime | None = Field(description="A reservation ends unless the e-mail link is opened by then")
    service: ServiceRefOut
    location: LocationOut


class BookingCreatedOut(BookingOut):
    token: str = Field(description="The only key to read or cancel this booking later: keep it")


def _max_length(field: str) -> int | None:
    return getattr(ContactForm.base_fields[field], "max_length", None)


# Lengths and formats are checked by ContactForm (as in the HTML flow); here they are documented.
class BookingIn(Schema):
    service: int
    location: int
    starts_at: AwareDatetime = Field(description="A slot's starts_at, with offset")
    given_names: str = Field(json_schema_extra={"maxLength": _max_length("given_names")})
    family_name: str = Field(json_schema_extra={"maxLength": _max_length("family_name")})
    email: str = Field(json_schema_extra={"maxLength": _max_length("email"), "format": "email"})
    phone: str = Field("", json_schema_extra={"maxLength": _max_length("phone")})
    language: str = Field(
        "",
        description="Language of the mails: " + ", ".join(code for code, _name in settings.LANGUAGES) + "; "
        "default: the language of Accept-Language",
    )
    altcha: str = Field("", description="The solved ALTCHA challenge (see GET /botguard/challenge), base64")


# --- Shaping -----------------------------------------------------------------------------------


def _local(moment: dt.datetime) -> dt.datetime:
    """Berlin time with its offset, to the second."""
    return timezone.localtime(moment).replace(microsecond=0)


def _window(service: Service, now: dt.datetime) -> dict[str, dt.date] | None:
    if service.booking_mode != Service.BookingMode.ONLINE:
        return None
    first, last = booking_window(service=service, now=now)
    return {"first": first, "last": last}


def _location_out(location: Location) -> dict[str, Any]:
    return {
        "id": location.pk,
        "name": location.name,
        "street": location.street,
        "postcode": location.postcode,
        "city": location.city,
    }


def _booking_out(booking: Booking) -> dict[str, Any]:
    return {
        "code": booking.code,
        "status": booking.status,
        "starts_at": _local(booking.starts_at),
        "ends_at": _local(booking.ends_at),
        "hold_until": _local(booking.hold_until) if booking.hold_until else None,
        "service": {"id": booking.service.pk, "name": booking.service.name},
        "location": _location_out(booking.location),
    }


def _booking(token: str) -> Booking:
    """The booking of a receipt (returned on creation) or of a link from the person's mail."""
    for kind in ("receipt", "booking"):
        try:
            return booking_by_token(token=token, kind=kind)
        except Booking.DoesNotExist:
            continue
    raise ApiError(404, "not_found", _("Diesen Termin gibt es nicht."))


# --- Endpoints ---------------------------------------------------------------------------------


@router.get("/services", response=list[ServiceOut], summary="Active services", operation_id="list_services")
def list_services(request: HttpRequest) -> list[dict[str, Any]]:
    """Every active service, named in the request language (German where untranslated)."""
    now = timezone.now()
    return [
        {
            "id": service.pk,
            "name": service.name,
            "section": {"code": service.section.code, "name": service.section.name},
            "duration_minutes": service.duration_minutes,
            "booking_mode": service.booking_mode,
            "documents": service.document_list,
            "fee": service.fee,
            "booking_window": _window(service, now),
        }
        for service in Service.objects.filter(is_active=True).select_related("section")
    ]


@router.get(
    "/services/{service_id}/slots",
    response={200: SlotsOut, 404: ErrorOut, 422: ErrorOut},
    summary="Free slots of a service",
    operation_id="list_slots",
)
def list_slots(
    request: HttpRequest,
    service_id: int,
    query: Query[SlotQuery],
) -> dict[str, Any]:
    """Start times with someone free for the whole service, within the booking window."""
    day_from, day_to, location = query.day_from, query.day_to, query.location
    service = service_active(service_id=service_id)
    if service is None:
        raise ApiError(404, "not_found", _("Dieses Anliegen gibt es nicht."))
    errors: dict[str, list[str]] = {}
    if day_from and day_to and day_from > day_to:
        errors["to"] = [_("Der letzte Tag darf nicht vor dem ersten liegen.")]
    locations = service_locations(service=service)
    if location is not None:
        locations = [loc for loc in locations if loc.pk == location]
        if not locations:
            errors["location"] = [_("An diesem Standort wird dieses Anliegen nicht angeboten.")]
    if errors:
        raise invalid(errors)
    now = timezone.now()
    window = _window(service, now)
    slots: list[dict[str, Any]] = []
    if window is not None:
        first, last = max(day_from or window["first"], window["first"]), min(day_to or window["last"], window["last"])
        if first <= last:
            for place in locations:
                slots += [
                    {"starts_at": _local(slot.starts_at), "ends_at": _local(slot.ends_at), "location": place.pk}
                    for slot in slots_free(service=service, location=place, day_from=first, day_to=last, now=now)
                ]
    slots.sort(key=lambda slot: (slot["starts_at"], slot["location"]))
    return {"booking_window": window, "locations": [_location_out(loc) for loc in locations], "slots": slots}


@router.get(
    "/botguard/challenge", response=dict[str, Any], summary="A bot-guard challenge", operation_id="botguard_challenge"
)
def botguard_challenge(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """A fresh ALTCHA challenge; its solution goes into ``altcha`` of a booking (each one once)."""
    add_never_cache_headers(response)
    return challenge_create()


class _ApiContactForm(ContactForm):
    """The contact form of the HTML flow without its consent box."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["consent"]


def _booking_target(payload: BookingIn) -> tuple[Service | None, Location | None]:
    """The active service and one of its locations a booking request names (None where unknown)."""
    service = service_active(service_id=payload.service)
    if service is None:
        return None, None
    return service, next((loc for loc in service_locations(service=service) if loc.pk == payload.location), None)


def _booking_input(
    payload: BookingIn, service: Service | None, location: Location | None
) -> tuple[Service, Location, Contact]:
    """The contact of a booking request for ``service`` at ``location``; every problem at once as a 422."""
    form = _ApiContactForm(
        {
            "given_names": payload.given_names,
            "family_name": payload.family_name,
            "email": payload.email,
            "phone": payload.phone,
            "language": payload.language or get_language() or settings.LANGUAGE_CODE,
            ALTCHA_FIELD: payload.altcha,
        }
    )
    errors: dict[str, list[str]] = {}
    if not form.is_valid():
        for field, problems in form.errors.get_json_data().items():
            for problem in problems:
                key = ALTCHA_FIELD if problem["code"] == "botguard" else field
                errors.setdefault(key, []).append(str(problem["message"]))
    if service is None:
        errors["service"] = [_("Dieses Anliegen gibt es nicht.")]
    elif location is None:
        errors["location"] = [_("An diesem Standort wird dieses Anliegen nicht angeboten.")]
    if set(errors) == {ALTCHA_FIELD}:
        raise ApiError(422, "botguard", errors[ALTCHA_FIELD][0], errors=errors)
    if errors or service is None or location is None:
        raise invalid(errors)
    data = form.cleaned_data
    contact = Contact(
        given_names=data["given_names"],
        family_name=data["family_name"],
        email=data["email"],
        phone=data["phone"],
        language=data["language"],
    )
    return service, location, contact


@router.post(
    "/bookings",
    response={201: BookingCreatedOut, 400: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Reserve a slot",
    operation_id="create_booking",
)
def create_booking(request: HttpRequest, payload: BookingIn, response: HttpResponse) -> Status[dict[str, Any]]:
    """Reserve a free slot; it is booked once the person opens the link in the mail sent to them."""
    if rate_limit_hit(request, group="booking-ip", key="ip", rate=settings.RATELIMIT_BOOKING_IP):
        raise _too_many(settings.RATELIMIT_BOOKING_IP)
    service, location = _booking_target(payload)
    slot = None
    if service is not None and location is not None:
        # Most attempts in a rush are for a time already gone, and that answer does not depend on
        # the contact data: it comes first, after one indexed query. A time the booking rules
        # exclude is reported below, with any problems of the input.
        try:
            slot = booking_available(service=service, location=location, starts_at=payload.starts_at)
        except SlotUnavailable as exc:
            raise ApiError(409, "slot_unavailable", str(exc)) from exc
        except BookingRefused:
            pass
    service, location, contact = _booking_input(payload, service, location)
    if rate_limit_hit(
        request, group="booking-email", key=normalised_email(contact.email), rate=settings.RATELIMIT_BOOKING_EMAIL
    ):
        raise _too_many(settings.RATELIMIT_BOOKING_EMAIL)
    try:
        booking = booking_reserve(
            service=service,
            location=location,
            starts_at=payload.starts_at,
            contact=contact,
            origin_network=network_of(client_ip(request)),
            request_id=request_id(request),
            slot=slot,
        )
    except SlotUnavailable as exc:
        raise ApiError(409, "slot_unavailable", str(exc)) from exc
    except BookingError as exc:
        raise ApiError(422, "refused", str(exc), errors={NON_FIELD_ERRORS: [str(exc)]}) from exc
    add_never_cache_headers(response)
    # A receipt, not the mail link's token: it reads and cancels but cannot confirm, so the
    # e-mail check cannot be skipped.
    return Status(201, {**_booking_out(booking), "token": booking_receipt_token(booking)})


@router.get(
    "/bookings/{token}", response={200: BookingOut, 404: ErrorOut}, summary="A booking", operation_id="read_booking"
)
def read_booking(request: HttpRequest, token: str, response: HttpResponse) -> dict[str, Any]:
    """The booking the token belongs to; no personal data."""
    add_never_cache_headers(response)
    return _booking_out(_booking(token))


@router.delete(
    "/bookings/{token}",
    response={200: BookingOut, 404: ErrorOut},
    summary="Cancel a booking",
    operation_id="cancel_booking",
)
def cancel_booking(request: HttpRequest, token: str, response: HttpResponse) -> dict[str, Any]:
    """Cancel, as the link in the mail does; a booking no longer open is returned unchanged."""
    booking = booking_cancel(booking=_booking(token))
    add_never_cache_headers(response)
    return _booking_out(booking)
