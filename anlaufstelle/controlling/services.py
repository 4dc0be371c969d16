"""What controlling writes: lead-time snapshots, threshold alerts, the feedback survey."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anlaufstelle.appointments.models import Booking, BookingStatus, Counter, Service
from anlaufstelle.appointments.selectors import booking_window, service_locations, slot_starts
from anlaufstelle.core.links import absolute_url, link_token, link_value
from anlaufstelle.core.models import Role, User
from anlaufstelle.core.services import mail_queue
from anlaufstelle.core.tenancy import require_tenant

from .kpis import BERLIN, BY_KEY, Scope, berlin_midnight, kpis_compute
from .models import FeedbackInvitation, FeedbackMailing, FeedbackResponse, LeadTimeSnapshot, Threshold

FEEDBACK_SALT = "anlaufstelle.controlling.feedback"
COUNTER_LINK = "feedback-counter"
FEEDBACK_MAX_AGE = dt.timedelta(days=14)
CATCH_UP_DAYS = 7


def leadtime_snapshot_record(*, now: dt.datetime | None = None) -> int:
    """Record today's lead time of every active online service at each of its locations (once a day)."""
    now = now or timezone.now()
    today = now.astimezone(BERLIN).date()
    recorded = 0
    for service in Service.objects.filter(is_active=True, booking_mode=Service.BookingMode.ONLINE):
        day_from, day_to = booking_window(service=service, now=now)
        for location in service_locations(service=service):
            starts = slot_starts(service=service, location=location, day_from=day_from, day_to=day_to, now=now)
            first = starts[0] if starts else None
            try:
                with transaction.atomic():
                    LeadTimeSnapshot.objects.create(
                        day=today,
                        service=service,
                        location=location,
                        next_free_at=first,
                        lead_days=(first.astimezone(BERLIN).date() - today).days if first else None,
                        window_days=(day_to - today).days,
                    )
            except IntegrityError:  # already recorded today (a second run or a catch-up)
                continue
            recorded += 1
    return recorded


@dataclass(frozen=True)
class ThresholdState:
    threshold: Threshold
    value: float | None
    breached: bool


def thresholds_check(*, now: dt.datetime | None = None, days: int = 28) -> list[ThresholdState]:
    """Compare each active threshold with its KPI over the last ``days`` days up to yesterday; mail
    the lead when a threshold is newly crossed (and remember since when, so the mail goes once)."""
    now = now or timezone.now()
    yesterday = now.astimezone(BERLIN).date() - dt.timedelta(days=1)
    results: dict[int | None, dict[str, float | None]] = {}
    states = []
    for threshold in Threshold.objects.filter(is_active=True).select_related("section"):
        if threshold.kpi not in BY_KEY:
            continue
        if threshold.section_id not in results:
            scope = Scope(yesterday - dt.timedelta(days=days - 1), yesterday, section_id=threshold.section_id)
            results[threshold.section_id] = kpis_compute(scope=scope, now=now).figures
        value = results[threshold.section_id][threshold.kpi]
        breached = threshold.breached_by(value)
        if breached and threshold.breached_since is None:
            threshold.breached_since = yesterday
            threshold.save(update_fields=["breached_since"])
            _threshold_mail(threshold, value)
        elif not breached and threshold.breached_since is not None:
            threshold.breached_since = None
            threshold.save(update_fields=["breached_since"])
        states.append(ThresholdState(threshold=threshold, value=value, breached=breached))
    return states


def _threshold_mail(threshold: Threshold, value: float | None) -> None:
    recipients = (
        [threshold.notify]
        if threshold.notify
        else list(User.objects.filter(role=Role.LEAD, is_active=True).exclude(email="").values_list("email", flat=True))
    )
    if not recipients:
        return
    kpi = BY_KEY[threshold.kpi]
    with translation.override("de"):
        body = render_to_string(
            "controlling/mail/threshold.txt",
            {
                "kpi": kpi,
                "threshold": threshold,
                "value": value,
                "url": absolute_url(reverse("controlling:dashboard")),
                "tenant": require_tenant(),
            },
        )
        mail_queue(
            to=recipients,
            subject=_("Schwellenwert überschritten: %(kpi)s") % {"kpi": kpi.label},
            body_text=body,
            topic="controlling.threshold",
        )


def nonce_hash(nonce: str) -> str:
    """What a feedback invitation keeps of its nonce."""
    return hashlib.sha256(nonce.encode()).hexdigest()


def feedback_token(*, nonce: str, service_id: int, location_id: int, day: dt.date) -> str:
    """The signed token of a feedback link: the nonce and what the answer may say about the visit.
    Not a ``link_token``: it carries four values and expires."""
    return signing.dumps([nonce, service_id, location_id, day.isoformat()], salt=FEEDBACK_SALT, compress=True)


def counter_token(*, counter_id: int) -> str:
    """The token in a counter's QR code (it does not expire: the code is printed)."""
    return link_token(COUNTER_LINK, counter_id)


def feedback_invitations_send(*, now: dt.datetime | None = None) -> int:
    """Mail the feedback invitation for every attended appointment of the past days not yet
    mailed (up to yesterday, at most a week back); each day is mailed once."""
    now = now or timezone.now()
    today = now.astimezone(BERLIN).date()
    sent = 0
    for back in range(CATCH_UP_DAYS, 0, -1):
        day = today - dt.timedelta(days=back)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    mailing = FeedbackMailing.objects.create(day=day)
            except IntegrityError:
                continue
            mailing.sent = _invite_day(day)
            mailing.save(update_fields=["sent"])
            sent += mailing.sent
    return sent


def _invite_day(day: dt.date) -> int:
    visits = (
        Booking.objects.filter(
            status=BookingStatus.ATTENDED,
            starts_at__gte=berlin_midnight(day),
            starts_at__lt=berlin_midnight(day + dt.timedelta(days=1)),
            person__isnull=False,
        )
        .exclude(person__email="")
        .select_related("person", "service", "location")
    )
    tenant = require_tenant()
    invitations = []
    for booking in visits:
        nonce = secrets.token_urlsafe(16)
        invitations.append(
            FeedbackInvitation(
                tenant=tenant, nonce_hash=nonce_hash(nonce), day=day, service=booking.service, location=booking.location
            )
        )
        token = feedback_token(nonce=nonce, service_id=booking.service_id, location_id=booking.location_id, day=day)
        language = booking.person.preferred_language or "de"  # type: ignore[union-attr]
        with translation.override(language):
            url = absolute_url(reverse("controlling:feedback", kwargs={"token": token}))
            mail_queue(
                to=[booking.person.email],  # type: ignore[union-attr]
                subject=_("Wie war Ihr Besuch? Ihre Meinung hilft uns"),
                body_text=render_to_string(
                    "controlling/mail/feedback_invitation.txt",
                    {"url": url, "tenant": tenant, "service": booking.service, "day": day},
                ),
                topic="controlling.feedback",
            )
    FeedbackInvitation.objects.bulk_create(invitations)
    return len(invitations)


class FeedbackError(Exception):
    """A feedback link that cannot be used (any more); the message is for the person."""


@dataclass(frozen=True)
class FeedbackVisit:
    """What an answer may record about the visit it rates."""

    day: dt.date
    service_id: int | None
    location_id: int | None
    section_id: int | None
    source: str
    nonce: str = ""


def feedback_visit_from_token(*, token: str, now: dt.datetime | None = None) -> FeedbackVisit:
    """The visit a mailed link is about; raises FeedbackError for a forged, old or used link."""
    try:
        nonce, service_id, location_id, day = signing.loads(token, salt=FEEDBACK_SALT, max_age=FEEDBACK_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise FeedbackError(_("Dieser Link ist abgelaufen. Vielen Dank für Ihr Interesse.")) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise FeedbackError(_("Dieser Link ist ungültig.")) from exc
    if not FeedbackInvitation.objects.filter(nonce_hash=nonce_hash(nonce), used=False).exists():
        raise FeedbackError(_("Zu diesem Besuch haben Sie uns schon geantwortet. Vielen Dank!"))
    section_id = Service.objects.filter(pk=service_id).values_list("section_id", flat=True).first()
    return FeedbackVisit(
        day=dt.date.fromisoformat(day),
        service_id=service_id,
        location_id=location_id,
        section_id=section_id,
        source=FeedbackResponse.Source.MAIL,
        nonce=nonce,
    )


def feedback_visit_from_counter(*, token: str, now: dt.datetime | None = None) -> FeedbackVisit:
    """The visit behind a counter's QR code: that counter's location and section, today."""
    try:
        counter = Counter.objects.get(pk=int(link_value(COUNTER_LINK, token)))
    except (signing.BadSignature, ValueError, Counter.DoesNotExist) as exc:
        raise FeedbackError(_("Dieser Link ist ungültig.")) from exc
    return FeedbackVisit(
        day=(now or timezone.now()).astimezone(BERLIN).date(),
        service_id=None,
        location_id=counter.location_id,
        section_id=counter.section_id,
        source=FeedbackResponse.Source.COUNTER,
    )


def feedback_response_submit(
    *, visit: FeedbackVisit, ratings: dict[str, int | None], comment: str, language: str
) -> FeedbackResponse:
    """Store an anonymous answer; a mailed link is used up in the same transaction."""
    with transaction.atomic():
        if visit.nonce:
            used = FeedbackInvitation.objects.filter(nonce_hash=nonce_hash(visit.nonce), used=False).update(used=True)
            if not used:
                raise FeedbackError(_("Zu diesem Besuch haben Sie uns schon geantwortet. Vielen Dank!"))
        return FeedbackResponse.objects.create(
            day=visit.day,
            source=visit.source,
            service_id=visit.service_id,
            location_id=visit.location_id,
            section_id=visit.section_id,
            comment=comment.strip(),
            language=language,
            **ratings,
        )
