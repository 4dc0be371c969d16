"""Parameters of the booking pages (German names in the URLs: ``tag``, ``beginn``), shared by
the public and the staff pages. Malformed values read as missing, never as an error page."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone

from ..models import Service
from ..selectors import service_active


def time_choices(starts: list[dt.datetime]) -> list[tuple[str, dt.datetime]]:
    """(form value in UTC, Berlin time to show) for each start time."""
    return [(start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M"), timezone.localtime(start)) for start in starts]


def parse_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


def parse_start(value: str | None) -> dt.datetime | None:
    try:
        start = dt.datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return start.replace(tzinfo=dt.UTC) if start.tzinfo is None else start.astimezone(dt.UTC)


def active_service_or_404(service_id: int) -> Service:
    """The active service of a booking page's URL (remembered with the catalogue), else 404."""
    service = service_active(service_id=service_id)
    if service is None:
        raise Http404
    return service
