"""Why not me yet: where a request stands and why, in the words of the allocation rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import AllocationRequest
from ..selectors import BERLIN
from .allocation import SOON_DAYS, priority_band, waiting_since

Status = AllocationRequest.Status


def allocation_explain(*, request: AllocationRequest, now: dt.datetime | None = None) -> dict[str, Any]:
    """Where ``request`` stands right now and why: its position among the waiting requests for
    the same service and place, how many are ahead for which reason, and what the last run had."""
    now = now or timezone.now()
    today = timezone.localtime(now, BERLIN).date()
    last_run = request.last_run
    released = 0
    if last_run is not None:
        for queue in last_run.details.get("queues", []):
            if queue["service"] == request.service_id and queue["location"] == request.location_id:
                released = sum(
                    queue["released_by_time"].get(f"{day}-{part}", 0)
                    for day in request.weekdays
                    for part in request.day_parts
                )
    result: dict[str, Any] = {
        "status": request.status,
        "position": None,
        "waiting": 0,
        "more_urgent": 0,
        "waited_longer": 0,
        "drawn_before": 0,
        "last_run": last_run,
        "last_position": request.last_position,
        "released_matching": released,
        "sentence": "",
    }
    if request.status != Status.PENDING:
        result["sentence"] = _status_sentence(request)
        return result

    others = (
        AllocationRequest.objects.filter(
            service_id=request.service_id, location_id=request.location_id, status=Status.PENDING
        )
        .exclude(pk=request.pk)
        .annotate(waiting_since=Coalesce("confirmed_at", "created_at"))
    )
    band, _days = priority_band(request.permit_expires_on, today)
    if band < 2:
        more_urgent = Q(permit_expires_on__lt=request.permit_expires_on)
        same_urgency = Q(permit_expires_on=request.permit_expires_on)
    else:
        more_urgent = Q(permit_expires_on__lte=today + dt.timedelta(days=SOON_DAYS))
        same_urgency = Q(permit_expires_on__isnull=True) | Q(permit_expires_on__gt=today + dt.timedelta(days=SOON_DAYS))
    day = timezone.localtime(waiting_since(request), BERLIN).date()
    day_start = dt.datetime.combine(day, dt.time.min, tzinfo=BERLIN)
    day_end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=BERLIN)
    mine = (request.last_run_id is None, request.tie_break, request.pk)
    same_day = others.filter(same_urgency, waiting_since__gte=day_start, waiting_since__lt=day_end)
    result.update(
        waiting=others.count() + 1,
        more_urgent=others.filter(more_urgent).count(),
        waited_longer=others.filter(same_urgency, waiting_since__lt=day_start).count(),
        drawn_before=sum(
            (last_run_id is None, tie_break, pk) < mine
            for last_run_id, tie_break, pk in same_day.values_list("last_run_id", "tie_break", "pk")
        ),
    )
    result["position"] = result["more_urgent"] + result["waited_longer"] + result["drawn_before"] + 1
    result["sentence"] = _position_sentence(result)
    return result


def _status_sentence(request: AllocationRequest) -> str:
    if request.status == Status.UNCONFIRMED:
        return _("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Erst dann nimmt Ihre Anmeldung an der Vergabe teil.")
    if request.status == Status.OFFERED:
        return _("Wir haben Ihnen einen Termin angeboten. Bitte sagen Sie rechtzeitig zu.")
    if request.status == Status.BOOKED:
        return _("Sie haben einen Termin. Ihre Anmeldung ist damit erledigt.")
    return _("Diese Anmeldung ist beendet. Sie nimmt nicht mehr an der Vergabe teil.")


def _position_sentence(result: dict[str, Any]) -> str:
    position = result["position"]
    if position == 1:
        sentence = _("Sie sind als Nächste oder Nächster an der Reihe.")
    else:
        sentence = ngettext(
            "Vor Ihnen wartet %(count)d Person",
            "Vor Ihnen warten %(count)d Personen",
            position - 1,
        ) % {"count": position - 1}
        reasons = [
            ngettext(
                "%(count)d mit dringenderem Bedarf (Aufenthaltstitel läuft früher ab)",
                "%(count)d mit dringenderem Bedarf (Aufenthaltstitel läuft früher ab)",
                result["more_urgent"],
            )
            % {"count": result["more_urgent"]}
            if result["more_urgent"]
            else "",
            ngettext(
                "%(count)d, die schon länger wartet",
                "%(count)d, die schon länger warten",
                result["waited_longer"],
            )
            % {"count": result["waited_longer"]}
            if result["waited_longer"]
            else "",
            ngettext(
                "%(count)d mit gleichem Bedarf und gleicher Wartezeit, die im Los vor Ihnen liegt",
                "%(count)d mit gleichem Bedarf und gleicher Wartezeit, die im Los vor Ihnen liegen",
                result["drawn_before"],
            )
            % {"count": result["drawn_before"]}
            if result["drawn_before"]
            else "",
        ]
        sentence = f"{sentence}: {', '.join(r for r in reasons if r)}."
    if result["last_run"] is not None:
        sentence += " " + ngettext(
            "Bei der letzten Vergabe gab es %(count)d freien Termin zu den Zeiten, die Sie angegeben haben.",
            "Bei der letzten Vergabe gab es %(count)d freie Termine zu den Zeiten, die Sie angegeben haben.",
            result["released_matching"],
        ) % {"count": result["released_matching"]}
    return sentence
