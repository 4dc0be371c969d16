"""The transactional outbox: queue mail with the change that causes it, deliver after commit.

A message is written in the caller's transaction, so a booking and its confirmation commit
(or roll back) together. Delivery claims due messages under a lease, sends each over SMTP
with a stable Message-ID, and marks it sent; a failure is retried with exponential back-off
until OUTBOX_MAX_ATTEMPTS. A message marked sent is never sent again; only a worker that dies
between the SMTP server's acceptance and the commit of "sent" can lead to one resend, with
the same Message-ID, after the lease has run out (likewise a single send that outlasts the
lease). Before each send a worker renews its lease only if it still holds it, so a message
that another worker took over after the lease ran out is not sent by both.

A message about stored records (a booking, say) can be queued *to be composed*: the caller's
transaction writes only the recipients, the name of a registered composer and its parameters,
and the delivering worker composes subject, bodies and attachments before the first attempt
and keeps them, so every attempt sends the same. Rendering templates, QR codes and calendar
files then costs the request nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from email import encoders
from email.mime.base import MIMEBase
from email.utils import make_msgid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from ..inserts import insert_instance
from ..locking import lock
from ..models import OutboxMessage, OutboxStatus
from ..tenancy import all_tenants, tenant_context

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


@dataclass(frozen=True)
class Composed:
    """What a composer makes of a queued message."""

    subject: str
    body_text: str
    body_html: str = ""
    attachments: Sequence[Attachment] = ()


Composer = Callable[..., Composed]
_COMPOSERS: dict[str, Composer] = {}


def register_composer(name: str, composer: Composer) -> None:
    """Make ``composer`` (called with a message's parameters, inside its tenant) known by ``name``;
    an app registers its composers in ``AppConfig.ready`` so that every worker knows them."""
    _COMPOSERS[name] = composer


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
    return _store(
        to=to,
        topic=topic,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=_encoded(attachments),
    )


def mail_queue_composed(*, to: Iterable[str], composer: str, params: dict[str, Any], topic: str = "") -> OutboxMessage:
    """Queue a message that the worker composes with the registered ``composer`` before sending it;
    ``params`` (JSON) name what it is about. Stored in the current transaction, sent after commit."""
    if composer not in _COMPOSERS:
        raise LookupError(f"No mail composer registered as {composer!r}.")
    return _store(to=to, topic=topic, composer=composer, compose_params=params)


def _store(*, to: Iterable[str], topic: str, **content: Any) -> OutboxMessage:
    recipients = [address.strip() for address in to if address and address.strip()]
    if not recipients:
        raise ValueError("A message needs at least one recipient.")
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "anlaufstelle.invalid"
    message = insert_instance(
        OutboxMessage(
            recipients=recipients,
            message_id=make_msgid(domain=domain),
            next_attempt_at=timezone.now(),
            topic=topic,
            **content,
        )
    )
    # One wake-up per transaction is enough: the delivery run sends every due message.
    if not any(entry[1] is _wake_delivery for entry in connection.run_on_commit):
        transaction.on_commit(_wake_delivery)
    return message


def _encoded(attachments: Iterable[Attachment]) -> list[dict[str, str]]:
    return [
        {
            "filename": a.filename,
            "mimetype": a.mimetype,
            "content_b64": base64.b64encode(a.content).decode(),
            "content_id": a.content_id,
        }
        for a in attachments
    ]


def outbox_compose(*, message: OutboxMessage) -> OutboxMessage:
    """Compose ``message`` if it waits for that, as its tenant, and keep what was composed (every
    later attempt sends the same). Whatever the composer raises propagates."""
    if not message.awaits_composing:
        return message
    composer = _COMPOSERS.get(message.composer)
    if composer is None:
        raise LookupError(f"No mail composer registered as {message.composer!r}.")
    with tenant_context(message.tenant):
        composed = composer(**message.compose_params)
    if not composed.body_text:
        raise ValueError(f"The composer {message.composer!r} made a message without text.")
    message.subject = composed.subject[:300]
    message.body_text = composed.body_text
    message.body_html = composed.body_html
    message.attachments = _encoded(composed.attachments)
    message.save(update_fields=["subject", "body_text", "body_html", "attachments"])
    return message


_WAKE_KEY = "outbox:wake-planned"


def _wake_delivery() -> None:
    """After a commit that queued mail: see that a delivery run starts after it.

    Commits within OUTBOX_WAKE_SECONDS of each other share one run, planned for after that moment
    (a key in the shared cache says that it is planned), so a rush of bookings enqueues one task
    instead of one per booking. The run is planned a second past the key's end: every commit
    that found the key made it before the run starts, even with the clocks of app servers and
    worker a little apart. A mail waits that long at most; the periodic sweep remains the net."""
    from ..tasks import deliver_outbox

    window = settings.OUTBOX_WAKE_SECONDS
    if window <= 0 or not deliver_outbox.get_backend().supports_defer:
        _enqueue_delivery()
    elif cache.add(_WAKE_KEY, True, timeout=window):
        _enqueue_delivery(run_after=timezone.now() + dt.timedelta(seconds=window + 1))


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
    return list(OutboxMessage.objects.filter(pk__in=ids).select_related("tenant").order_by("next_attempt_at", "pk"))


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
        outbox_compose(message=message)
        _as_email(message, smtp).send()
    except Exception as exc:  # composing or sending failed: keep the message, try again later
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
