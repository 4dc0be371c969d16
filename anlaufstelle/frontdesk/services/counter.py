"""The caseworker's workstation: sign in at a counter, call the next person (or a given one),
recall, mark a no-show, serve, finish, transfer to another section.

Two counters can never call the same person. Calling takes three steps in one transaction:
the candidates are read with ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two callers
pass each other instead of waiting for the same row; each candidate is claimed by a conditional
``UPDATE … WHERE status = 'waiting'``, which on every backend lets only one transaction move a
ticket out of the queue; and the counter session then takes the ticket, where the unique key
``one_counter_per_ticket`` makes a second holder impossible even for code that skipped the first
two steps. ``tests/frontdesk/test_call_concurrency.py`` shows the race without them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from anlaufstelle.appointments.models import Counter, Service
from anlaufstelle.core.locking import lock

from ..models import CounterSession, EventKind, Ticket, TicketStatus
from ..selectors import callable_tickets, queue_rule_for
from .base import FrontdeskError, event_record, now_or
from .bookings import booking_mark_attendance

MAX_CLAIMS = 50  # a caller that loses this many claims in a row gives up (never seen in practice)


def counter_sign_in(*, counter: Counter, staff: Any, now: dt.datetime | None = None) -> CounterSession:
    """Sign ``staff`` in at ``counter`` (and out of an idle counter they were at before)."""
    now = now_or(now)
    with transaction.atomic():
        previous = lock(CounterSession.objects.filter(staff=staff, ended_at__isnull=True)).first()
        if previous is not None:
            if previous.counter_id == counter.pk:
                return previous
            if previous.current_ticket_id is not None:
                raise FrontdeskError(
                    _("Sie haben an Ihrem bisherigen Schalter noch eine Wartemarke. Bitte schließen Sie sie zuerst ab.")
                )
            previous.ended_at = now
            previous.save(update_fields=["ended_at"])
        try:
            with transaction.atomic():
                return CounterSession.objects.create(counter=counter, staff=staff, started_at=now)
        except IntegrityError:
            raise FrontdeskError(
                _("Schalter %(number)s ist schon besetzt. Bitte wählen Sie einen anderen.") % {"number": counter.number}
            ) from None


def counter_sign_out(*, counter: Counter, actor: Any, now: dt.datetime | None = None) -> None:
    """Leave the counter. A person called but not yet come goes back into the queue."""
    now = now_or(now)
    with transaction.atomic():
        session = _own_session(counter=counter, actor=actor)
        if session.current_ticket_id is not None:
            ticket = _current(session)
            if ticket.status == TicketStatus.SERVING:
                raise FrontdeskError(
                    _("Bitte schließen Sie zuerst Wartemarke %(label)s ab oder leiten Sie sie weiter.")
                    % {"label": ticket.label}
                )
            Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.WAITING)
        session.current_ticket = None
        session.ended_at = now
        session.save(update_fields=["current_ticket", "ended_at"])


def _own_session(*, counter: Counter, actor: Any) -> CounterSession:
    """The open session at ``counter``, locked; it must be ``actor``'s."""
    session = lock(CounterSession.objects.filter(counter=counter, ended_at__isnull=True)).first()
    if session is None or session.staff_id != actor.pk:
        raise FrontdeskError(_("Sie sind an diesem Schalter nicht angemeldet."))
    # Both are the caller's objects already: the queue read of call-next need not load them again.
    session.counter, session.staff = counter, actor
    return session


def _log(session: CounterSession, ticket: Ticket, kind: EventKind, now: dt.datetime, **details: Any) -> None:
    """Append ``kind`` to the ticket's events, as done at this session's counter by its staff."""
    event_record(ticket=ticket, kind=kind, at=now, counter_id=session.counter_id, staff_id=session.staff_id, **details)


def _require_free(session: CounterSession) -> None:
    if session.current_ticket_id is not None:
        ticket = Ticket.objects.get(pk=session.current_ticket_id)
        raise FrontdeskError(
            _("An Ihrem Schalter ist noch Wartemarke %(label)s. Bitte schließen Sie sie zuerst ab.")
            % {"label": ticket.label}
        )


def _current(session: CounterSession, ticket: Ticket | None = None) -> Ticket:
    """The ticket the session holds, locked; it must be ``ticket`` when one is named."""
    if session.current_ticket_id is None or (ticket is not None and ticket.pk != session.current_ticket_id):
        raise FrontdeskError(_("Diese Wartemarke ist nicht an Ihrem Schalter. Bitte laden Sie die Seite neu."))
    return lock(Ticket.objects.filter(pk=session.current_ticket_id)).get()


def _candidates(*, session: CounterSession, now: dt.datetime, tried: set[int]) -> list[int]:
    """The next ticket this session may call, locked on PostgreSQL; a row another caller has
    locked is skipped, not waited for. One at a time: locking more would hide them from the
    other counters, which would then report an empty queue while people wait."""
    queryset = callable_tickets(counter=session.counter, staff=session.staff, now=now).exclude(pk__in=tried)
    return list(lock(queryset, skip_locked=True).values_list("pk", flat=True)[:1])


def _claim(*, ticket_id: int, session: CounterSession, now: dt.datetime) -> bool:
    """Move a waiting ticket to this counter; False if it is no longer waiting or another
    counter holds it (the unique key refused it)."""
    try:
        with transaction.atomic():
            taken = Ticket.objects.filter(pk=ticket_id, status=TicketStatus.WAITING).update(
                status=TicketStatus.CALLED,
                counter_id=session.counter_id,
                staff_id=session.staff_id,
                calls=F("calls") + 1,
                called_at=now,
            )
            if not taken:
                return False
            CounterSession.objects.filter(pk=session.pk).update(current_ticket_id=ticket_id)
    except IntegrityError:
        return False
    session.current_ticket_id = ticket_id
    return True


def _called(ticket_id: int, session: CounterSession, now: dt.datetime) -> Ticket:
    ticket = Ticket.objects.select_related("counter").get(pk=ticket_id)
    _log(session, ticket, EventKind.CALLED, now)
    return ticket


def ticket_call_next(*, counter: Counter, actor: Any, now: dt.datetime | None = None) -> Ticket | None:
    """Call the next person this counter can serve; None when nobody is waiting for it."""
    now = now_or(now)
    with transaction.atomic():
        session = _own_session(counter=counter, actor=actor)
        _require_free(session)
        tried: set[int] = set()
        while len(tried) < MAX_CLAIMS and (candidates := _candidates(session=session, now=now, tried=tried)):
            for ticket_id in candidates:
                if _claim(ticket_id=ticket_id, session=session, now=now):
                    return _called(ticket_id, session, now)
                tried.add(ticket_id)  # another counter took it between our read and our claim
        return None


def ticket_call(*, ticket: Ticket, counter: Counter, actor: Any, now: dt.datetime | None = None) -> Ticket:
    """Call one particular waiting person (e.g. someone who needs an interpreter now present)."""
    now = now_or(now)
    with transaction.atomic():
        session = _own_session(counter=counter, actor=actor)
        _require_free(session)
        if ticket.location_id != counter.location_id or not _claim(ticket_id=ticket.pk, session=session, now=now):
            raise FrontdeskError(
                _("Wartemarke %(label)s wartet nicht mehr: sie wurde gerade an einem anderen Schalter aufgerufen.")
                % {"label": ticket.label}
            )
        return _called(ticket.pk, session, now)


def ticket_recall(*, ticket: Ticket, counter: Counter, actor: Any, now: dt.datetime | None = None) -> Ticket:
    """Call the same person once more (the display shows the number again)."""
    now = now_or(now)
    with transaction.atomic():
        session = _own_session(counter=counter, actor=actor)
        current = _current(session, ticket)
        if current.status != TicketStatus.CALLED:
            raise FrontdeskError(_("Nur eine aufgerufene Wartemarke kann erneut aufgerufen werden."))
        Ticket.objects.filter(pk=current.pk).update(calls=F("calls") + 1, called_at=now)
        current.refresh_from_db()
        _log(session, current, EventKind.RECALLED, now, call=current.calls)
        return current


def ticket_no_show(*, ticket: Ticket, counter: Counter, actor: Any, now: dt.datetime | None = None) -> Ticket:
    """The person did not come after the section's number of calls: the ticket ends (and a
    booked appointment is marked as missed)."""
    now = now_or(now)
    with transaction.atomic():
        session = _own_session(counter=counter, actor=actor)
        current = _current(session, ticket)
        rule = queue_rule_for(section=current.section)
        if current.status != TicketStatus.CALLED:
            raise FrontdeskError(_("Nur eine aufgerufene Wartemarke kann als „nicht erschienen“ gelten."))
        if current.calls < rule.calls_before_no_show:
            raise FrontdeskError(
                _(
                    "Bitte rufen Sie Wartemarke %(label)s noch einmal auf: "
                    "erst nach %(calls)d Aufrufen gilt sie als nicht erschienen."
                )
                % {"label": current.label, "calls": rule.calls_before_no_show}
            )
        _close(session, current, TicketStatus.NO_SHOW, now)
        return current


def ticket_start(*, ticket: Ticket, counter: Counter, actor: Any, now: dt.datetime | None = None) -> Ticket:
    """The person has come to the counter: serving begins."""
    now = now_or(now)
    with transaction.atomic():
        session = _own_session(counter=counter, actor=actor)
        current = _current(session, ticket)
        if current.status != TicketStatus.CALLED:
            raise FrontdeskError(_("Diese Wartemarke wird schon bedient."))
        current.status, current.started_at = TicketStatus.SERVING, now
        current.save(update_fields=["status", "started_at"])
        _log(session, current, EventKind.SERVING, now)
        return current


def ticket_finish(*, ticket: Ticket, counter: Counter, actor: Any, now: dt.datetime | None = None) -> Ticket:
    """Serving is done; the counter is free for the next person."""
    now = now_or(now)
    with transaction.atomic():
        session = _own_session(counter=counter, actor=actor)
        current = _current(session, ticket)
        if current.status != TicketStatus.SERVING:
            raise FrontdeskError(_("Bitte beginnen Sie zuerst die Bedienung."))
        _close(session, current, TicketStatus.DONE, now)
        return current


def ticket_transfer(
    *, ticket: Ticket, counter: Counter, actor: Any, service: Service, note: str, now: dt.datetime | None = None
) -> Ticket:
    """Send the person on to ``service`` (another section, usually) with a note for the next
    caseworker; they keep their number and their place by arrival time."""
    now = now_or(now)
    note = note.strip()
    if not note:
        raise FrontdeskError(_("Bitte schreiben Sie kurz dazu, worum es geht."))
    with transaction.atomic():
        session = _own_session(counter=counter, actor=actor)
        current = _current(session, ticket)
        if current.status not in (TicketStatus.CALLED, TicketStatus.SERVING):
            raise FrontdeskError(_("Diese Wartemarke kann nicht weitergeleitet werden."))
        _log(session, current, EventKind.TRANSFERRED, now, to_section=service.section_id, to_service=service.pk)
        session.current_ticket = None
        session.save(update_fields=["current_ticket"])
        current.status = TicketStatus.WAITING
        current.section_id, current.service_id = service.section_id, service.pk
        current.calls, current.started_at = 0, None
        current.note = f"{current.note}\n{note}".strip() if current.note else note
        current.save(update_fields=["status", "section", "service", "calls", "started_at", "note"])
        return current


def _close(session: CounterSession, ticket: Ticket, status: TicketStatus, now: dt.datetime) -> None:
    """End the ticket (served or no-show): the counter is free, the event is logged, and a booked
    appointment is marked attended or missed."""
    session.current_ticket = None
    session.save(update_fields=["current_ticket"])
    ticket.status, ticket.finished_at = status, now
    ticket.save(update_fields=["status", "finished_at"])
    served = status == TicketStatus.DONE
    _log(session, ticket, EventKind.SERVED if served else EventKind.NO_SHOW, now)
    if ticket.booking_id:
        booking_mark_attendance(booking_id=ticket.booking_id, attended=served)
