"""Fair allocation (Bedarfsanmeldung): the request form, its confirmation and the status page.

The links in the mails carry the request's id signed with the site's key; the status page
tells the person where they stand and why (``allocation_explain``) and lets them withdraw.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from anlaufstelle.core.botguard import normalised_email, rate_limit_hit
from anlaufstelle.core.links import link_value
from anlaufstelle.core.middleware import request_id

from ..forms_requests import AllocationRequestForm
from ..models import AllocationRequest, BookingStatus, Service
from ..selectors import service_locations
from ..services import (
    SOON_DAYS,
    URGENT_DAYS,
    BookingError,
    Contact,
    allocation_explain,
    allocation_request_confirm,
    allocation_request_create,
    allocation_request_withdraw,
    booking_token,
)
from .params import active_service_or_404


def _request(token: str) -> AllocationRequest:
    try:
        pk = int(link_value("request", token))
    except (signing.BadSignature, ValueError):
        raise Http404 from None
    return get_object_or_404(
        AllocationRequest.objects.select_related("service", "location", "person", "offer", "last_run"), pk=pk
    )


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "appointments/too_many.html", status=429)


@never_cache
def request_create(request: HttpRequest, service_id: int) -> HttpResponse:
    """Register a need once: contact, birth date, permit expiry and the times one can come."""
    service = active_service_or_404(service_id)
    if service.booking_mode != Service.BookingMode.REQUEST:
        return redirect(reverse("appointments:days", args=[service.pk]))
    locations = service_locations(service=service)
    if request.method == "POST" and rate_limit_hit(
        request, group="request-ip", key="ip", rate=settings.RATELIMIT_BOOKING_IP
    ):
        return _too_many(request)
    form = AllocationRequestForm(request.POST or None, locations=locations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        email = data["email"].strip().lower()
        if rate_limit_hit(
            request, group="request-email", key=normalised_email(email), rate=settings.RATELIMIT_BOOKING_EMAIL
        ):
            return _too_many(request)
        try:
            allocation_request_create(
                service=service,
                location=data["location"],
                contact=Contact(
                    given_names=data["given_names"],
                    family_name=data["family_name"],
                    email=email,
                    phone=data["phone"],
                    language=data["language"],
                ),
                date_of_birth=data["date_of_birth"],
                permit_expires_on=data["permit_expires_on"],
                weekdays=data["weekdays"],
                day_parts=data["day_parts"],
                request_id=request_id(request),
            )
        except BookingError as exc:
            form.add_error(None, str(exc))
        else:
            # No redirect to the status page: its link is the proof that the address is theirs.
            name, _at, domain = email.partition("@")
            return render(
                request, "appointments/request_sent.html", {"service": service, "masked_email": f"{name[:2]}…@{domain}"}
            )
    return render(
        request,
        "appointments/request_create.html",
        {"service": service, "locations": locations, "form": form},
        status=400 if form.errors else 200,
    )


@never_cache
def request_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the mail. GET only shows a button: mail scanners open links, people press buttons."""
    allocation_request = _request(token)
    if allocation_request.status != AllocationRequest.Status.UNCONFIRMED:
        return redirect(reverse("appointments:request_status", args=[token]))
    if request.method == "POST":
        allocation_request_confirm(request=allocation_request)
        messages.success(request, _("Ihre Anmeldung ist bestätigt. Sie nimmt ab jetzt an der täglichen Vergabe teil."))
        return redirect(reverse("appointments:request_status", args=[token]))
    return render(request, "appointments/request_confirm.html", {"allocation_request": allocation_request})


@never_cache
def request_status(request: HttpRequest, token: str) -> HttpResponse:
    """Where the request stands and why; the offered appointment; withdraw (POST)."""
    allocation_request = _request(token)
    if request.method == "POST":
        allocation_request_withdraw(request=allocation_request)
        messages.success(request, _("Ihre Anmeldung ist zurückgezogen."))
        return redirect(reverse("appointments:request_status", args=[token]))
    offer = allocation_request.offer
    open_offer = offer is not None and offer.status == BookingStatus.OFFERED
    return render(
        request,
        "appointments/request_status.html",
        {
            "allocation_request": allocation_request,
            "token": token,
            "explain": allocation_explain(request=allocation_request),
            "offer": offer,
            "offer_starts": timezone.localtime(offer.starts_at) if offer else None,
            "offer_hold_until": timezone.localtime(offer.hold_until) if offer and offer.hold_until else None,
            "offer_token": booking_token(offer) if offer else "",
            "open_offer": open_offer,
            "can_withdraw": allocation_request.status in AllocationRequest.OPEN,
            "urgent_days": URGENT_DAYS,
            "soon_days": SOON_DAYS,
        },
    )


urlpatterns: list[URLPattern] = [
    path("termine/anliegen/<int:service_id>/anfrage/", request_create, name="request_create"),
    path("termine/anfrage/<str:token>/bestaetigen/", request_confirm, name="request_confirm"),
    path("termine/anfrage/<str:token>/", request_status, name="request_status"),
]
