"""Helpers of the front-desk views: the desk's location (remembered in the session)."""

from __future__ import annotations

from django.http import HttpRequest

from anlaufstelle.appointments.models import Location

SESSION_LOCATION = "frontdesk_location"


def desk_location(request: HttpRequest) -> tuple[Location | None, list[Location]]:
    """The location chosen with ``?standort=`` (kept for the session), else the first one."""
    locations = list(Location.objects.all())
    wanted = request.GET.get("standort") or request.POST.get("standort") or request.session.get(SESSION_LOCATION)
    location = next((loc for loc in locations if str(loc.pk) == str(wanted)), None)
    location = location or (locations[0] if locations else None)
    if location is not None:
        request.session[SESSION_LOCATION] = location.pk
    return location, locations
