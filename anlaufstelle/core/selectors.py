"""Read side of core: tenants, people, audit log, translation status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from .caching import remembered
from .models import AuditEntry, OpeningHours, Person, Position, Section, Tenant, User

TENANT_CACHE = "tenant-for-host"


def tenant_for_host(host: str) -> Tenant | None:
    """The active tenant serving ``host`` (port ignored), else the configured default tenant.

    Every request asks this, so the answer is remembered for ANLAUFSTELLE_TENANT_CACHE_SECONDS;
    saving or deleting a tenant forgets every answer (``core.caching``).
    """
    hostname = host.split(":")[0].lower().rstrip(".")
    return remembered(
        TENANT_CACHE,
        hostname,
        lambda: _tenant_for_hostname(hostname),
        timeout=settings.ANLAUFSTELLE_TENANT_CACHE_SECONDS,
    )


def _tenant_for_hostname(hostname: str) -> Tenant | None:
    candidates = Tenant.objects.filter(is_active=True)
    for tenant in candidates.filter(hostnames__icontains=hostname):
        if hostname in tenant.hostname_list:
            return tenant
    default = settings.ANLAUFSTELLE_DEFAULT_TENANT
    if default:
        return candidates.filter(slug=default).first()
    return None


def opening_hours_by_day() -> list[tuple[Any, list[OpeningHours]]]:
    """The current tenant's opening hours per weekday in week order (closed weekdays included)."""
    rows = list(OpeningHours.objects.all())
    return [
        (label, [row for row in rows if row.weekday == value])
        for value, label in OpeningHours.Weekday.choices
        if value < 5 or any(row.weekday == value for row in rows)
    ]


def persons_search(*, query: str, limit: int = 50) -> list[Person]:
    """People whose name, e-mail or phone contains every word of ``query``."""
    words = [w for w in query.split() if w]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition &= (
            Q(family_name__icontains=word)
            | Q(given_names__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
        )
    return list(Person.objects.filter(condition).order_by("family_name", "given_names")[:limit])


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    person_id: int | None = None
    action: str = ""
    object_type: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def audit_entries(*, filters: AuditFilter) -> QuerySet[AuditEntry]:
    """Audit entries of the current tenant matching ``filters``, newest first."""
    entries = AuditEntry.objects.all()
    if filters.actor:
        entries = entries.filter(actor_username__icontains=filters.actor)
    if filters.person_id is not None:
        entries = entries.filter(person_id=filters.person_id)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.object_type:
        entries = entries.filter(object_type=filters.object_type)
    if filters.date_from:
        entries = entries.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(at__date__lte=filters.date_to)
    return entries.order_by("-at", "-id")


def staffing_overview() -> list[dict[str, Any]]:
    """Budgeted, filled and vacant full-time equivalents per section (and without section)."""
    positions = list(Position.objects.select_related("section", "holder"))
    sections: list[Section | None] = [*Section.objects.all(), None]
    overview = []
    for section in sections:
        mine = [p for p in positions if p.section_id == (section.pk if section else None)]
        if not mine:
            continue
        budgeted = sum((p.fte for p in mine), start=0)
        vacant = sum((p.fte for p in mine if p.is_vacant), start=0)
        overview.append(
            {"section": section, "positions": mine, "budgeted": budgeted, "filled": budgeted - vacant, "vacant": vacant}
        )
    return overview


def staff_users() -> QuerySet[User]:
    return User.objects.prefetch_related("sections").select_related("organisation")
