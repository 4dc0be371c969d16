"""Demo step: the history controlling needs beyond the appointments — thirteen weeks of daily
lead-time snapshots and of anonymous feedback, a threshold the lead has set, and the daily KPI
facts of the past (built as the refresh job builds them).

Lead times cannot be reconstructed for past days (the free slots of a past day are gone), so
today's snapshot is recorded by the real job and the weeks before are drawn as a story: the
office under pressure, lead times growing towards today's. Feedback follows the attended
appointments of the history: an invitation for each visit with an e-mail address, answers to
about a third of them, more critical on waiting than on friendliness.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from anlaufstelle.appointments.models import Booking, BookingStatus
from anlaufstelle.controlling.kpis import BERLIN, berlin_midnight
from anlaufstelle.controlling.kpis.facts import facts_refresh
from anlaufstelle.controlling.models import (
    FeedbackInvitation,
    FeedbackMailing,
    FeedbackResponse,
    LeadTimeSnapshot,
    Threshold,
)
from anlaufstelle.controlling.services import leadtime_snapshot_record, nonce_hash
from anlaufstelle.core.scheduling import each_tenant

from ..models import Tenant
from ..tenancy import tenant_context
from .context import DemoContext
from .tenants import MUSTERSTADT

HISTORY_DAYS = 91
RESPONSE_SHARE = 0.32
COUNTER_ANSWERS_PER_DAY = (0, 3)
# weights of the ratings 1..5 per question: waiting is where the office is weakest
WEIGHTS = {
    "waiting": (12, 20, 30, 25, 13),
    "friendliness": (3, 5, 14, 38, 40),
    "clarity": (4, 8, 20, 38, 30),
    "result": (6, 8, 18, 34, 34),
}
COMMENTS = (
    "Sehr freundlich, aber lange Wartezeit.",
    "Alles gut erklärt, danke!",
    "Der Termin war schnell vorbei, ich wusste nicht, welche Unterlagen fehlen.",
    "Thank you, very helpful.",
    "",
)


def load_controlling_history(ctx: DemoContext) -> None:
    """Lead-time snapshots and feedback for the past thirteen weeks; a lead-time threshold."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("controlling", "history")
    now = dt.datetime.combine(ctx.today, dt.time(6, 0), tzinfo=BERLIN)
    with tenant_context(tenant):
        leadtime_snapshot_record(now=now)
        today = list(LeadTimeSnapshot.objects.filter(day=ctx.today))
        past = []
        for snapshot in today:
            end = snapshot.lead_days if snapshot.lead_days is not None else snapshot.window_days + 1
            start = max(2, round(end * rng.uniform(0.45, 0.7)))
            for back in range(1, HISTORY_DAYS + 1):
                progress = 1 - back / HISTORY_DAYS
                days = max(1, round(start + (end - start) * progress + rng.gauss(0, 1.5)))
                past.append(
                    LeadTimeSnapshot(
                        tenant=tenant,
                        day=ctx.today - dt.timedelta(days=back),
                        service=snapshot.service,
                        location=snapshot.location,
                        lead_days=min(days, snapshot.window_days),
                        window_days=snapshot.window_days,
                    )
                )
        LeadTimeSnapshot.objects.bulk_create(past)

        first = ctx.today - dt.timedelta(days=HISTORY_DAYS)
        visits = (
            Booking.objects.filter(
                status=BookingStatus.ATTENDED,
                starts_at__gte=berlin_midnight(first),
                starts_at__lt=berlin_midnight(ctx.today),
                person__isnull=False,
            )
            .exclude(person__email="")
            .values("starts_at", "service_id", "service__section_id", "location_id")
        )
        invitations: list[FeedbackInvitation] = []
        responses: list[FeedbackResponse] = []
        per_day: dict[dt.date, int] = {}
        for number, visit in enumerate(visits.iterator()):
            day = visit["starts_at"].astimezone(BERLIN).date()
            per_day[day] = per_day.get(day, 0) + 1
            answered = rng.random() < RESPONSE_SHARE
            invitations.append(
                FeedbackInvitation(
                    tenant=tenant,
                    nonce_hash=nonce_hash(f"demo-{ctx.seed}-{number}"),
                    day=day,
                    service_id=visit["service_id"],
                    location_id=visit["location_id"],
                    used=answered,
                )
            )
            if answered:
                responses.append(_answer(rng, tenant, day, visit, FeedbackResponse.Source.MAIL))
        for back in range(1, HISTORY_DAYS + 1):
            day = ctx.today - dt.timedelta(days=back)
            if day.weekday() < 5:
                for _ in range(rng.randint(*COUNTER_ANSWERS_PER_DAY)):
                    responses.append(_answer(rng, tenant, day, None, FeedbackResponse.Source.COUNTER))
        FeedbackInvitation.objects.bulk_create(invitations, batch_size=2000)
        FeedbackResponse.objects.bulk_create(responses, batch_size=2000)
        # the history counts as mailed: the job only mails visits from now on
        mailed = [ctx.today - dt.timedelta(days=back) for back in range(1, HISTORY_DAYS + 1)]
        FeedbackMailing.objects.bulk_create(
            FeedbackMailing(tenant=tenant, day=day, sent=per_day.get(day, 0)) for day in mailed
        )
        Threshold.objects.create(kpi="lead_time_current_max", limit=Decimal("28"))
        Threshold.objects.create(kpi="no_show_rate", limit=Decimal("12"))
    ctx.count("Terminvorlauf-Messungen", len(past) + len(today))
    ctx.count("Rückmeldungen", len(responses))
    # the daily KPI facts, as the refresh job keeps them
    ctx.count("Kennzahlen-Tage", sum(each_tenant(lambda: facts_refresh(today=ctx.today))))


def _answer(rng: random.Random, tenant: Tenant, day: dt.date, visit: Any, source: str) -> FeedbackResponse:
    ratings: dict[str, int | None] = {
        question: rng.choices(range(1, 6), weights=weights)[0] for question, weights in WEIGHTS.items()
    }
    if source == FeedbackResponse.Source.COUNTER:
        ratings["result"] = None
    return FeedbackResponse(
        tenant=tenant,
        day=day,
        source=source,
        service_id=visit["service_id"] if visit else None,
        location_id=visit["location_id"] if visit else None,
        section_id=visit["service__section_id"] if visit else None,
        comment=rng.choice(COMMENTS) if rng.random() < 0.2 else "",
        language="de",
        **ratings,
    )
