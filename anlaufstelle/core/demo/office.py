"""Demo steps: the sections of each office and the opening hours of the contact point."""

from __future__ import annotations

import datetime as dt

from ..models import OpeningHours, Section
from ..tenancy import tenant_context
from .context import DemoContext, mark_translated_from, mark_translations_current, translate
from .data import office
from .tenants import BEISPIELHEIM, MUSTERSTADT


def load_sections(ctx: DemoContext) -> None:
    """Four translated sections in Musterstadt, two German-only ones in Beispielheim."""
    tenant = ctx.tenants[MUSTERSTADT]
    with tenant_context(tenant):
        sections = []
        for spec in office.SECTIONS:
            section = Section(tenant=tenant, code=spec["code"])
            translate(section, "name", spec["name"])
            translate(section, "description", spec["description"])
            outdated = spec.get("outdated", {})
            for language, (field_name, source) in outdated.items():
                mark_translated_from(section, language=language, field_name=field_name, source=source)
            mark_translations_current(section, except_fields={language: [f] for language, (f, _s) in outdated.items()})
            sections.append(section)
        Section.objects.bulk_create(sections)
    small = ctx.tenants[BEISPIELHEIM]
    with tenant_context(small):
        small_sections = []
        for code, name in office.BEISPIELHEIM_SECTIONS:
            section = Section(tenant=small, code=code)
            translate(section, "name", {"de": name})
            small_sections.append(section)
        Section.objects.bulk_create(small_sections)
    for section in [*sections, *small_sections]:
        ctx.sections[(section.tenant.slug, section.code)] = section
    ctx.count("Sachgebiete", len(sections) + len(small_sections))


def _opening_hours(ctx: DemoContext, slug: str, rows: list[tuple[int, dt.time, dt.time, str | None]]) -> None:
    tenant = ctx.tenants[slug]
    with tenant_context(tenant):
        hours = []
        for weekday, opens, closes, note in rows:
            row = OpeningHours(tenant=tenant, weekday=weekday, opens=opens, closes=closes)
            if note:
                translate(row, "note", office.OPENING_NOTES[note])
                mark_translations_current(row)
            hours.append(row)
        OpeningHours.objects.bulk_create(hours)
    ctx.count("Öffnungszeiten", len(hours))


def load_opening_hours(ctx: DemoContext) -> None:
    """Monday to Friday mornings, two long afternoons, Wednesday by appointment only."""
    _opening_hours(ctx, MUSTERSTADT, office.OPENING_HOURS)
    _opening_hours(ctx, BEISPIELHEIM, office.BEISPIELHEIM_OPENING_HOURS)
