"""Requests for fair allocation: registered once, confirmed by the e-mail link, withdrawn; one
open request per person (duplicate key). The rule that orders them is in ``allocation``."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from anlaufstelle.core.links import absolute_url, link_token
from anlaufstelle.core.locking import lock
from anlaufstelle.core.models import Person
from anlaufstelle.core.services import mail_queue
from anlaufstelle.core.tenancy import require_tenant

from ..models import AllocationRequest, BookingStatus, Location, Service
from .allocation import DAY_PARTS, WEEKDAYS
from .booking import BookingRefused, Contact, person_for_contact

Status = AllocationRequest.Status


def _duplicate_refused() -> BookingRefused:
    return BookingRefused(
        _(
            "Für Sie ist schon eine Bedarfsanmeldung offen. Sie finden den Link dazu in unserer E-Mail. "
            "Eine zweite Anmeldung ist nicht möglich."
        )
    )


def duplicate_key(*, given_names: str, family_name: str, date_of_birth: dt.date | None, email: str) -> str:
    """The hash that recognises one person's second request: name parts in any order and case,
    birth date, e-mail address. Keyed with the site's secret, so it is no lookup table."""
    names = unicodedata.normalize("NFKC", f"{given_names} {family_name}").casefold().split()
    value = "|".join(
        [" ".join(sorted(names)), date_of_birth.isoformat() if date_of_birth else "", email.strip().lower()]
    )
    return salted_hmac("anlaufstelle.appointments.allocation.duplicate", value, algorithm="sha256").hexdigest()


def _clean_availability(weekdays: Iterable[int | str], day_parts: Iterable[str]) -> tuple[list[int], list[str]]:
    try:
        days = sorted({int(day) for day in weekdays})
    except (TypeError, ValueError):
        days = []
    chosen = set(day_parts)
    parts = [part for part in DAY_PARTS if part in chosen]
    if not days or not parts or not set(days) <= set(WEEKDAYS) or len(parts) != len(chosen):
        raise BookingRefused(
            _("Bitte wählen Sie mindestens einen Wochentag und eine Tageszeit, zu der Sie kommen können.")
        )
    return days, parts


def allocation_request_create(
    *,
    service: Service,
    location: Location,
    contact: Contact,
    date_of_birth: dt.date | None,
    permit_expires_on: dt.date | None,
    weekdays: Iterable[int | str],
    day_parts: Iterable[str],
    request_id: str = "",
) -> AllocationRequest:
    """Register a need for a service booked on request; mails the link that confirms the address.

    One open request per person (same name, birth date and e-mail address)."""
    if not service.is_active or service.booking_mode != Service.BookingMode.REQUEST:
        raise BookingRefused(_("Für dieses Anliegen gibt es keine Bedarfsanmeldung. Bitte buchen Sie einen Termin."))
    days, parts = _clean_availability(weekdays, day_parts)
    key = duplicate_key(
        given_names=contact.given_names,
        family_name=contact.family_name,
        date_of_birth=date_of_birth,
        email=contact.email,
    )
    if AllocationRequest.objects.filter(duplicate_key=key, status__in=AllocationRequest.OPEN).exists():
        raise _duplicate_refused()
    with transaction.atomic():
        person = person_for_contact(contact=contact, request_id=request_id)
        if person.date_of_birth is None and date_of_birth is not None:
            person.date_of_birth = date_of_birth
            person.save(update_fields=["date_of_birth", "updated_at"])
        try:
            with transaction.atomic():  # the constraint decides between two requests sent at once
                request = AllocationRequest.objects.create(
                    service=service,
                    location=location,
                    person=person,
                    permit_expires_on=permit_expires_on,
                    weekdays=days,
                    day_parts=parts,
                    duplicate_key=key,
                    status=Status.UNCONFIRMED,
                )
        except IntegrityError:
            raise _duplicate_refused() from None
        _mail_request_check(request=request, person=person)
    return request


def request_token(request: AllocationRequest) -> str:
    """The token in links to confirm, look at or withdraw ``request``."""
    return link_token("request", request.pk)


def _mail_request_check(*, request: AllocationRequest, person: Person) -> None:
    token = request_token(request)
    with translation.override(person.preferred_language or "de"):
        context = {
            "tenant": require_tenant(),
            "person": person,
            "service": request.service,
            "location": request.location,
            "request": request,
            "confirm_url": absolute_url(reverse("appointments:request_confirm", args=[token])),
            "status_url": absolute_url(reverse("appointments:request_status", args=[token])),
        }
        mail_queue(
            to=[person.email],
            subject=_("Bitte bestätigen Sie Ihre Bedarfsanmeldung"),
            body_text=render_to_string("appointments/mail/request_check.txt", context),
            body_html=render_to_string("appointments/mail/request_check.html", context),
            topic="appointments.request_check",
        )


def allocation_request_confirm(*, request: AllocationRequest, now: dt.datetime | None = None) -> AllocationRequest:
    """The person opened the link: the request waits for the next run. Confirming twice is harmless."""
    now = now or timezone.now()
    with transaction.atomic():
        request = lock(AllocationRequest.objects.filter(pk=request.pk)).get()
        if request.status == Status.UNCONFIRMED:
            request.status = Status.PENDING
            request.confirmed_at = now
            request.save(update_fields=["status", "confirmed_at"])
    return request


def allocation_request_withdraw(*, request: AllocationRequest, now: dt.datetime | None = None) -> AllocationRequest:
    """The person no longer needs an appointment; an offer not yet accepted is given back."""
    from .booking import booking_cancel

    with transaction.atomic():
        request = lock(AllocationRequest.objects.select_related("offer").filter(pk=request.pk)).get()
        if request.status not in AllocationRequest.OPEN:
            return request
        offer = request.offer
        request.status = Status.WITHDRAWN
        request.save(update_fields=["status"])
        if offer is not None and offer.status == BookingStatus.OFFERED:
            booking_cancel(booking=offer, notify=False, now=now)
    return request
