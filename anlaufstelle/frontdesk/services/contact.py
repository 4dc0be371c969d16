"""Contact channels: callback requests with their call log, contact messages answered by
e-mail through the outbox, and the retention job that deletes both after a while."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from anlaufstelle.appointments.models import Service
from anlaufstelle.core.locking import lock
from anlaufstelle.core.services import mail_queue
from anlaufstelle.core.tenancy import all_tenants, require_tenant

from ..models import CallbackAttempt, CallbackRequest, ContactMessage
from .base import FrontdeskError, now_or

MAX_CALLBACK_ATTEMPTS = 3


@dataclass(frozen=True)
class CallbackData:
    name: str
    phone: str
    language: str
    window: str
    message: str = ""
    service: Service | None = None


def callback_request_create(*, data: CallbackData) -> CallbackRequest:
    """Store a callback request in the queue of the concern's section (front desk if none)."""
    return CallbackRequest.objects.create(
        section=data.service.section if data.service else None,
        service=data.service,
        name=data.name.strip(),
        phone=data.phone.strip(),
        language=data.language,
        window=data.window,
        message=data.message.strip(),
    )


def callback_attempt_record(
    *, request: CallbackRequest, actor: Any, outcome: str, note: str = "", now: dt.datetime | None = None
) -> CallbackAttempt:
    """Log one call. Reaching the person closes the request; so does the last unanswered try."""
    now = now_or(now)
    if outcome not in CallbackAttempt.Outcome.values:
        raise FrontdeskError(_("Bitte wählen Sie ein Ergebnis."))
    with transaction.atomic():
        request = lock(CallbackRequest.objects.filter(pk=request.pk)).get()
        if request.status != CallbackRequest.Status.OPEN:
            raise FrontdeskError(_("Dieser Rückrufwunsch ist schon abgeschlossen."))
        attempt = CallbackAttempt.objects.create(request=request, at=now, staff=actor, outcome=outcome, note=note)
        fields = []
        if request.first_attempt_at is None:
            request.first_attempt_at = now
            fields.append("first_attempt_at")
        tries = request.attempts.count()
        if outcome in CallbackAttempt.REACHED_OUTCOMES:
            request.status = CallbackRequest.Status.DONE
        elif outcome == CallbackAttempt.Outcome.WRONG_NUMBER or tries >= MAX_CALLBACK_ATTEMPTS:
            request.status = CallbackRequest.Status.GIVEN_UP
        if request.status != CallbackRequest.Status.OPEN:
            request.closed_at = now
            fields += ["status", "closed_at"]
        if fields:
            request.save(update_fields=fields)
    return attempt


@dataclass(frozen=True)
class ContactData:
    name: str
    email: str
    language: str
    subject: str
    message: str
    service: Service | None = None


def contact_message_create(*, data: ContactData) -> ContactMessage:
    """Store a message from the contact form, routed to the concern's section."""
    return ContactMessage.objects.create(
        section=data.service.section if data.service else None,
        service=data.service,
        name=data.name.strip(),
        email=data.email.strip(),
        language=data.language,
        subject=data.subject.strip(),
        message=data.message.strip(),
    )


def contact_message_take(*, message: ContactMessage, actor: Any) -> ContactMessage:
    """Mark a new message as being worked on by ``actor`` (others see who has it)."""
    with transaction.atomic():
        message = lock(ContactMessage.objects.filter(pk=message.pk)).get()
        if message.status == ContactMessage.Status.ANSWERED:
            raise FrontdeskError(_("Diese Anfrage ist schon beantwortet."))
        message.status, message.assigned_to = ContactMessage.Status.IN_PROGRESS, actor
        message.save(update_fields=["status", "assigned_to"])
    return message


def contact_message_answer(
    *, message: ContactMessage, actor: Any, answer: str, now: dt.datetime | None = None
) -> ContactMessage:
    """Answer by e-mail (queued in the outbox with the status change, sent after commit)."""
    now = now_or(now)
    answer = answer.strip()
    if not answer:
        raise FrontdeskError(_("Bitte schreiben Sie eine Antwort."))
    with transaction.atomic():
        message = lock(ContactMessage.objects.filter(pk=message.pk)).get()
        if message.status == ContactMessage.Status.ANSWERED:
            raise FrontdeskError(_("Diese Anfrage wurde inzwischen schon beantwortet."))
        message.status, message.answer, message.answered_at = ContactMessage.Status.ANSWERED, answer, now
        message.assigned_to = actor
        message.save(update_fields=["status", "answer", "answered_at", "assigned_to"])
        with translation.override(message.language):
            context = {"message": message, "tenant": require_tenant(), "answer": answer}
            mail_queue(
                to=[message.email],
                subject=_("Antwort auf Ihre Anfrage: %(subject)s") % {"subject": message.subject},
                body_text=render_to_string("frontdesk/mail/contact_answer.txt", context),
                topic="frontdesk.contact_answer",
            )
    return message


def contact_retention_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Remove the personal data of callback requests and contact messages past their retention,
    in every tenant; returns how many of each were emptied.

    What the person wrote and how to reach them goes (name, number, address, subject, message,
    answer, call notes); the times, status, section and service stay, so the reachability
    figures of earlier months (callbacks within a working day, answer times) keep their base.
    """
    now = now_or(now)
    callback_cut = now - dt.timedelta(days=settings.FRONTDESK_CALLBACK_RETENTION_DAYS)
    contact_cut = now - dt.timedelta(days=settings.FRONTDESK_CONTACT_RETENTION_DAYS)
    with transaction.atomic(), all_tenants():
        # A name is required on arrival: an empty one marks a request already emptied.
        expired_calls = CallbackRequest.objects.filter(created_at__lt=callback_cut).exclude(name="")
        CallbackAttempt.objects.filter(request__in=expired_calls).exclude(note="").update(note="")
        callbacks = expired_calls.update(name="", phone="", message="")
        messages = (
            ContactMessage.objects.filter(created_at__lt=contact_cut)
            .exclude(name="")
            .update(name="", email="", subject="", message="", answer="")
        )
    return {"callbacks": callbacks, "messages": messages}
