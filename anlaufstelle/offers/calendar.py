"""The iCalendar feed of dated offers (events, weekly meeting places)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from .models import OfferDate


def offers_calendar(*, dates: Iterable[OfferDate], name: str, url_for: dict[int, str], domain: str) -> bytes:
    """One VEVENT per date (weekly ones with an RRULE); times in UTC, so no VTIMEZONE is needed."""
    calendar = Calendar()
    calendar.add("prodid", "-//Anlaufstelle//Wegweiser//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(dt.UTC)
    for date in dates:
        event = Event()
        event.add("uid", f"offer-date-{date.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", date.starts_at.astimezone(dt.UTC))
        event.add("dtend", date.ends_at.astimezone(dt.UTC))
        event.add("summary", date.offer.name)
        if date.offer.summary:
            event.add("description", date.offer.summary)
        if date.place is not None:
            event.add("location", ", ".join(p for p in (date.place.name, date.place.street, date.place.city) if p))
        if date.weekly_until:
            until = dt.datetime.combine(date.weekly_until, dt.time(23, 59, 59), tzinfo=dt.UTC)
            event.add("rrule", vRecur(freq="WEEKLY", until=until))
        if url := url_for.get(date.offer_id):
            event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()
