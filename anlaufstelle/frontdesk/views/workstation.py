"""The caseworker's workstation: sign in at a counter, see the queue, call, serve, transfer.

Every action is a plain form POST followed by a redirect; with htmx the forms are boosted and
the queue refreshes itself every few seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from anlaufstelle.appointments.models import Counter, Service
from anlaufstelle.core.models import User
from anlaufstelle.core.permissions import staff_view

from ..models import CounterSession, Ticket
from ..selectors import callable_tickets, queue_rule_for, session_of
from ..services import (
    FrontdeskError,
    counter_sign_in,
    counter_sign_out,
    ticket_call,
    ticket_call_next,
    ticket_finish,
    ticket_no_show,
    ticket_recall,
    ticket_start,
    ticket_transfer,
)
from .common import desk_location

QUEUE_SHOWN = 30


def _context(request: HttpRequest, session: CounterSession | None) -> dict[str, Any]:
    context: dict[str, Any] = {"session": session}
    if session is None:
        location, locations = desk_location(request)
        context.update(
            location=location,
            locations=locations,
            counters=list(Counter.objects.filter(location=location).select_related("section")) if location else [],
        )
        return context
    now = timezone.now()
    staff: User = request.user  # type: ignore[assignment]  # the session's own staff member
    current = session.current_ticket  # loaded with its service and section by session_of
    queue = callable_tickets(counter=session.counter, staff=staff, now=now).select_related("service")
    context.update(
        current=current,
        rule=queue_rule_for(section=current.section) if current else None,
        queue=list(queue[:QUEUE_SHOWN]),
        now=now,
        # Lazy: read only where the page renders the transfer form, not by the polled queue.
        transfer_services=Service.objects.filter(is_active=True).select_related("section"),
    )
    return context


@staff_view("frontdesk.use_workstation")
def workstation(request: HttpRequest) -> HttpResponse:
    session = session_of(staff=request.user)  # type: ignore[arg-type]
    if request.method == "POST":
        return _act(request, session)
    context = _context(request, session)
    if request.htmx and request.GET.get("teil") == "warteschlange":  # type: ignore[attr-defined]
        return render(request, "frontdesk/includes/workstation_queue.html", context)
    return render(request, "frontdesk/workstation.html", context)


def _act(request: HttpRequest, session: CounterSession | None) -> HttpResponse:
    action = request.POST.get("action", "")
    user = request.user
    try:
        if action == "sign_in":
            counter = Counter.objects.filter(pk=request.POST.get("counter") or 0).first()
            if counter is None:
                raise FrontdeskError(_("Bitte wählen Sie einen Schalter."))
            counter_sign_in(counter=counter, staff=user)
            return redirect("frontdesk:workstation")
        if session is None:
            raise FrontdeskError(_("Sie sind an keinem Schalter angemeldet."))
        counter = session.counter
        if action == "sign_out":
            counter_sign_out(counter=counter, actor=user)
        elif action == "call_next":
            ticket = ticket_call_next(counter=counter, actor=user)
            if ticket is None:
                messages.info(request, _("Im Moment wartet niemand, den Sie bedienen können."))
        elif action in TICKET_ACTIONS:
            ticket = Ticket.objects.filter(pk=request.POST.get("ticket") or 0).first()
            if ticket is None:
                raise FrontdeskError(_("Diese Wartemarke gibt es nicht. Bitte laden Sie die Seite neu."))
            TICKET_ACTIONS[action](request, ticket, counter)
        else:
            raise FrontdeskError(_("Unbekannte Aktion."))
    except FrontdeskError as exc:
        messages.error(request, str(exc))
    return redirect("frontdesk:workstation")


def _transfer(request: HttpRequest, ticket: Ticket, counter: Counter) -> None:
    service = Service.objects.select_related("section").filter(pk=request.POST.get("service") or 0).first()
    if service is None:
        raise FrontdeskError(_("Bitte wählen Sie das Anliegen, an das weitergeleitet wird."))
    ticket_transfer(
        ticket=ticket, counter=counter, actor=request.user, service=service, note=request.POST.get("note", "")
    )
    messages.success(
        request,
        _("Wartemarke %(label)s an %(section)s weitergeleitet.") % {"label": ticket.label, "section": service.section},
    )


TICKET_ACTIONS: dict[str, Callable[[HttpRequest, Ticket, Counter], Any]] = {
    "call": lambda r, t, c: ticket_call(ticket=t, counter=c, actor=r.user),
    "recall": lambda r, t, c: ticket_recall(ticket=t, counter=c, actor=r.user),
    "no_show": lambda r, t, c: ticket_no_show(ticket=t, counter=c, actor=r.user),
    "start": lambda r, t, c: ticket_start(ticket=t, counter=c, actor=r.user),
    "finish": lambda r, t, c: ticket_finish(ticket=t, counter=c, actor=r.user),
    "transfer": _transfer,
}

urlpatterns = [path("mitarbeit/empfang/platz/", workstation, name="workstation")]
