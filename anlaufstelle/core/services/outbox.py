"""The transactional outbox: queue mail with the change that causes it, deliver after commit.

A message is written in the caller's transaction, so a booking and its confirmation commit
(or roll back) together. Delivery claims due messages under a lease, sends each over SMTP
with a stable Message-ID, and marks it sent; a failure is retried with exponential back-off
until OUTBOX_MAX_ATTEMPTS. A message marked sent is never sent again; only a worker that dies
between the SMTP server's acceptance and the commit of "sent" can lead to one resend, with
the same Message-ID, after the lease has run out (likewise a single send that outlasts the
lease). Before each send a worker renews its lease only if it still holds it, so a message
that another worker took over after the lease ran out is not sent by both.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email import encoders
from email.mime.base import MIMEBase
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from ..locking import lock
from ..models import OutboxMessage, OutboxStatus
from ..tenancy import all_tenants

logger = logging.getLogger("anlaufstelle.outbox")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str
    content_id: str = ""  # set to show an image inline in the HTML body (src="cid:<content_id>")


@dataclass
class OutboxReport:
    sent: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def mail_queue(
    *,
    to: Iterable[str],
    subject: str,
    body_text: str,
    body_html: str = "",
    attachments: Iterable[Attachment] = (),
    topic: str = "",
) -> OutboxMessage:
    """Queue a message for the current tenant in the current transaction; sent after commit."""
    recipients = [address.strip() for address in to if address and address.strip()]
    if not recipients:
        raise ValueError("A message needs at least one recipient.")
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "anlaufstelle.invalid"
    message = OutboxMessage.objects.create(
        recipients=recipients,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=[
            {
                "filename": a.filename,
                "mimetype": a.mimetype,
                "content_b64": base64.b64encode(a.content).decode(),
                "content_id": a.content_id,
            }
            for a in attachments
        ],
        message_id=make_msgid(domain=domain),
        next_attempt_at=timezone.now(),
        topic=topic,
    )
    # One delivery task per transaction is enough: it sends every due message.
    if not any(entry[1] is _enqueue_delivery for entry in connection.run_on_commit):
        transaction.on_commit(_enqueue_delivery)
    return message


def _enqueue_delivery(run_after: dt.datetime | None = None) -> None:
    from ..tasks import deliver_outbox

    task = deliver_outbox.using(run_after=run_after) if run_after else deliver_outbox
    try:
        task.enqueue()
    except Exception:  # the periodic sweep delivers it anyway
        logger.exception("outbox: could not enqueue delivery; the periodic sweep will pick it up")


def _backoff(attempts: int) -> dt.timedelta:
    seconds = settings.OUTBOX_BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.OUTBOX_BACKOFF_MAX_SECONDS))


def _lease_until(clock: Callable[[], dt.datetime]) -> dt.datetime:
    return clock() + dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def _claim(*, now: dt.datetime, clock: Callable[[], dt.datetime], limit: int) -> list[OutboxMessage]:
    """Take up to ``limit`` due messages for this worker (lease-based, safe for many workers)."""
    due = Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=OutboxStatus.SENDING, locked_until__lt=now
    )
    with transaction.atomic():
        candidates = lock(OutboxMessage.objects.filter(due), skip_locked=True).order_by("next_attempt_at", "pk")
        ids = list(candidates.values_list("pk", flat=True)[:limit])
        OutboxMessage.objects.filter(pk__in=ids).update(status=OutboxStatus.SENDING, locked_until=_lease_until(clock))
    return list(OutboxMessage.objects.filter(pk__in=ids).order_by("next_attempt_at", "pk"))


def _as_email(message: OutboxMessage, smtp: object) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.recipients,
        headers={"Message-ID": message.message_id},
        connection=smtp,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for item in message.attachments:
        content = base64.b64decode(item["content_b64"])
        if item.get("content_id"):
            maintype, subtype = item["mimetype"].split("/", 1)
            part = MIMEBase(maintype, subtype)
            part.set_payload(content)
            encoders.encode_base64(part)
            part.add_header("Content-ID", f"<{item['content_id']}>")
            part.add_header("Content-Disposition", "inline", filename=item["filename"])
            email.attach(part)
        else:
            email.attach(item["filename"], content, item["mimetype"])
    return email


def outbox_deliver_due(*, limit: int = 50, now: dt.datetime | None = None) -> OutboxReport:
    """Send every due message of every tenant; returns what was sent, retried and given up."""
    report = OutboxReport()
    started = timezone.now()
    now = now or started

    def clock() -> dt.datetime:  # ``now`` plus the time this run has taken so far
        return now + (timezone.now() - started)

    with all_tenants():
        while batch := _claim(now=now, clock=clock, limit=limit):
            smtp = get_connection()
            for message in batch:
                _deliver_one(message, smtp=smtp, now=now, clock=clock, report=report)
            if len(batch) < limit:
                break
        # Still across tenants: the worker runs without one, and a retry may be any tenant's.
        retry_times = OutboxMessage.objects.filter(pk__in=report.retried).values_list("next_attempt_at", flat=True)
        next_due = min(retry_times, default=None)
    if next_due is not None:
        _enqueue_delivery(run_after=next_due)
    return report


def _deliver_one(
    message: OutboxMessage,
    *,
    smtp: object,
    now: dt.datetime,
    clock: Callable[[], dt.datetime],
    report: OutboxReport,
) -> None:
    claimed = OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.SENDING)
    # Renew the lease for this send, but only if it is still ours: once it has run out (a slow
    # server, a long batch) another worker may have claimed the message, which changes the lease.
    if not claimed.filter(locked_until=message.locked_until).update(locked_until=_lease_until(clock)):
        logger.info("outbox: taken over by another worker", extra={"message_pk": message.pk})
        return
    try:
        _as_email(message, smtp).send()
    except Exception as exc:  # any transport error: keep the message, try again later
        attempts = message.attempts + 1
        gave_up = attempts >= settings.OUTBOX_MAX_ATTEMPTS
        claimed.update(
            status=OutboxStatus.FAILED if gave_up else OutboxStatus.PENDING,
            attempts=attempts,
            next_attempt_at=now + _backoff(attempts),
            locked_until=None,
            last_error=f"{type(exc).__name__}: {exc}"[:1000],
        )
        (report.failed if gave_up else report.retried).append(message.pk)
        logger.warning("outbox: delivery failed", extra={"message_pk": message.pk, "attempt": attempts})
        return
    claimed.update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, locked_until=None, last_error=""
    )
    report.sent.append(message.pk)
    logger.info("outbox: sent", extra={"message_pk": message.pk, "attempt": message.attempts + 1})
