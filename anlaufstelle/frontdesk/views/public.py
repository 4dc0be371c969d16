"""Public pages of the front desk, without personal data: a ticket's status page (reached by
the QR code on the slip), the call-up display of the waiting room, the callback form and the
contact form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from anlaufstelle.appointments.models import Location, Service
from anlaufstelle.core.botguard import rate_limit_hit

from ..forms import CallbackForm, ContactMessageForm
from ..models import Ticket, TicketStatus
from ..selectors import display_calls, ticket_wait_estimate
from ..services import (
    CallbackData,
    ContactData,
    callback_request_create,
    contact_message_create,
    ticket_by_token,
)

DISPLAY_POLL_SECONDS = 2
STATUS_POLL_SECONDS = 15


@never_cache
def ticket_status(request: HttpRequest, token: str) -> HttpResponse:
    """Where am I in the queue? Number, status, people ahead, estimate, the counter once called."""
    try:
        ticket = ticket_by_token(token=token)
    except Ticket.DoesNotExist:
        raise Http404 from None
    ahead, estimate = ticket_wait_estimate(ticket=ticket) if ticket.status == TicketStatus.WAITING else (0, None)
    context = {
        "ticket": ticket,
        "ahead": ahead,
        "estimate": estimate,
        "today": ticket.day == timezone.localdate(),
        "poll_seconds": STATUS_POLL_SECONDS,
        "token": token,
    }
    template = "frontdesk/includes/ticket_status.html" if request.htmx else "frontdesk/ticket_status.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _display_context(location: Location) -> dict[str, object]:
    calls = display_calls(location=location)
    return {
        "location": location,
        "latest": calls[0] if calls else None,
        "earlier": calls[1:],
        "poll_seconds": DISPLAY_POLL_SECONDS,
        "updated": timezone.localtime(),
    }


@never_cache
def display(request: HttpRequest, location_id: int) -> HttpResponse:
    """The waiting room's screen: the latest call huge, the ones before it below."""
    location = get_object_or_404(Location, pk=location_id)
    return render(request, "frontdesk/display.html", _display_context(location))


@never_cache
def display_state(request: HttpRequest, location_id: int) -> HttpResponse:
    """What the screen shows now, polled by the display: the full state every time, so a
    screen that lost its connection catches up with its first answer."""
    location = get_object_or_404(Location, pk=location_id)
    return render(request, "frontdesk/includes/display_calls.html", _display_context(location))


def _concern_form(
    request: HttpRequest,
    form_class: type[CallbackForm | ContactMessageForm],
    *,
    group: str,
    template: str,
    save: Callable[[Any], object],
    sent: str,
) -> HttpResponse:
    """A public form about a concern: rate-limited per address, stored by ``save``, then ``sent``."""
    services = list(Service.objects.filter(is_active=True).select_related("section"))
    form = form_class(request.POST or None, services=services)
    if request.method == "POST":
        if rate_limit_hit(request, group=group, key="ip", rate=settings.RATELIMIT_BOOKING_IP):
            return render(request, "frontdesk/too_many.html", status=429)
        if form.is_valid():
            save(form)
            return redirect(sent)
    return render(request, template, {"form": form})


def callback_request(request: HttpRequest) -> HttpResponse:
    def save(form: CallbackForm) -> None:
        callback_request_create(
            data=CallbackData(
                name=form.cleaned_data["name"],
                phone=form.cleaned_data["phone"],
                language=form.cleaned_data["language"],
                window=form.cleaned_data["window"],
                message=form.cleaned_data["message"],
                service=form.concern_service(),
            )
        )

    return _concern_form(
        request,
        CallbackForm,
        group="callback",
        template="frontdesk/callback_form.html",
        save=save,
        sent="frontdesk:callback_sent",
    )


def callback_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "frontdesk/sent.html", {"kind": "callback"})


def contact_message(request: HttpRequest) -> HttpResponse:
    def save(form: ContactMessageForm) -> None:
        contact_message_create(
            data=ContactData(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"] or get_language() or "de",
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                service=form.concern_service(),
            )
        )

    return _concern_form(
        request,
        ContactMessageForm,
        group="contact",
        template="frontdesk/contact_form.html",
        save=save,
        sent="frontdesk:contact_sent",
    )


def contact_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "frontdesk/sent.html", {"kind": "contact"})


urlpatterns = [
    path("wartemarke/<str:token>/", ticket_status, name="ticket_status"),
    path("aufruf/<int:location_id>/", display, name="display"),
    path("aufruf/<int:location_id>/stand/", display_state, name="display_state"),
    path("rueckruf/", callback_request, name="callback_request"),
    path("rueckruf/gesendet/", callback_sent, name="callback_sent"),
    path("kontakt/nachricht/", contact_message, name="contact_message"),
    path("kontakt/nachricht/gesendet/", contact_sent, name="contact_sent"),
]
