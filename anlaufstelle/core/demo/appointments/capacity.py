"""Demo step: what the office offers – locations, counters, services, who works where and when."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter as Tally
from collections.abc import Callable

from anlaufstelle.appointments.models import (
    AvailabilityException,
    Counter,
    Location,
    Service,
    WeeklyAvailability,
)

from ...models import Position, Role, Section, Tenant, User
from ...tenancy import tenant_context
from ..context import DemoContext, mark_translated_from, mark_translations_current, translate
from ..data import appointments as data
from ..tenants import BEISPIELHEIM, MUSTERSTADT
from .plan import HISTORY_DAYS, PRESENCE_SINCE_DAYS, _at, _next_weekday, _workdays

# --- Capacity ------------------------------------------------------------------------------


def _location(tenant: Tenant, spec: data.LocationSpec) -> Location:
    location = Location(
        tenant=tenant,
        street=spec.street,
        postcode=spec.postcode,
        city=spec.city,
        emergency_share=spec.emergency_share,
        emergency_release_time=dt.time(7, 0),
    )
    for field_name, texts in spec.texts.items():
        translate(location, field_name, texts)
    mark_translations_current(location)
    return location


def _service(tenant: Tenant, spec: data.ServiceSpec, section_of: Callable[[str], Section]) -> Service:
    service = Service(
        tenant=tenant,
        section=section_of(spec.section),
        duration_minutes=spec.minutes,
        booking_mode=spec.mode,
        earliest_days=spec.window[0],
        latest_days=spec.window[1],
        release_time=dt.time(8, 0),
    )
    for field_name, texts in spec.texts.items():
        translate(service, field_name, texts)
    for language, (field_name, source) in spec.outdated.items():
        mark_translated_from(service, language=language, field_name=field_name, source=source)
    mark_translations_current(service, except_fields={lang: [f] for lang, (f, _s) in spec.outdated.items()})
    return service


def _create_office(
    ctx: DemoContext,
    slug: str,
    location_specs: list[data.LocationSpec],
    service_specs: list[data.ServiceSpec],
) -> tuple[dict[str, Location], dict[str, Service]]:
    tenant = ctx.tenants[slug]
    locations = {spec.key: _location(tenant, spec) for spec in location_specs}
    Location.objects.bulk_create(locations.values())
    Counter.objects.bulk_create(
        Counter(
            tenant=tenant,
            location=locations[spec.key],
            section=ctx.sections[(slug, code)] if code else None,
            number=number,
            floor_and_room=room,
        )
        for spec in location_specs
        for number, code, room in spec.counters
    )
    services = {spec.key: _service(tenant, spec, lambda code: ctx.sections[(slug, code)]) for spec in service_specs}
    Service.objects.bulk_create(services.values())
    ctx.count("Standorte", len(locations))
    ctx.count("Anliegen", len(services))
    return locations, services


def _qualify(services: dict[str, Service], skills: dict[int, tuple[str, ...]]) -> None:
    Service.qualified_staff.through.objects.bulk_create(
        Service.qualified_staff.through(service_id=services[key].pk, user_id=user_id)
        for user_id, keys in skills.items()
        for key in keys
    )


def load_appointment_capacity(ctx: DemoContext) -> None:
    """Two locations with counters, 26 services, the caseworkers' weekly presence and absences."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("appointments", "capacity")
    with tenant_context(tenant):
        locations, services = _create_office(ctx, MUSTERSTADT, data.LOCATIONS, data.SERVICES)
        holders = (
            Position.objects.filter(holder__isnull=False, title__in=data.STAFF_PLANS)
            .select_related("holder", "section")
            .order_by("pk")
        )
        skills: dict[int, tuple[str, ...]] = {}
        presence: list[WeeklyAvailability] = []
        turn: Tally[str] = Tally()
        for position in holders:
            plan = data.STAFF_PLANS[position.title]
            assert position.holder is not None
            skills[position.holder.pk] = plan.skills
            if not plan.scheduled:
                continue
            fte = f"{position.fte:.2f}"
            variants = data.SCHEDULES[fte]
            windows = plan.schedule or variants[turn[fte] % len(variants)]
            turn[fte] += 1
            since = ctx.today - dt.timedelta(days=rng.randint(*PRESENCE_SINCE_DAYS))
            for weekday, (starts, ends) in windows:
                where = data.CAMPUS if (weekday, (starts, ends)) in plan.campus else data.MAIN
                presence.append(
                    WeeklyAvailability(
                        tenant=tenant,
                        staff=position.holder,
                        location=locations[where],
                        weekday=weekday,
                        starts=starts,
                        ends=ends,
                        valid_from=since,
                    )
                )
        WeeklyAvailability.objects.bulk_create(presence)
        _qualify(services, skills)
        scheduled = sorted({row.staff_id for row in presence})
        sections = dict(holders.values_list("holder_id", "section__code"))
        exceptions = _exceptions(ctx, rng, tenant, scheduled, sections, locations[data.MAIN])
        AvailabilityException.objects.bulk_create(exceptions)
    ctx.count("Wochenzeiten", len(presence))
    ctx.count("Abwesenheiten", len(exceptions))
    _beispielheim_capacity(ctx)


def _exceptions(
    ctx: DemoContext,
    rng: random.Random,
    tenant: Tenant,
    staff: list[int],
    sections: dict[int, str],
    main: Location,
) -> list[AvailabilityException]:
    """Vacation weeks, single days off, two training days and a staff assembly morning."""
    kind = AvailabilityException.Kind
    rows = []

    def whole_days(staff_id: int | None, first: dt.date, workdays: int, kind_: str, note: str) -> None:
        rows.append(
            AvailabilityException(
                tenant=tenant,
                staff_id=staff_id,
                kind=kind_,
                starts_at=_at(first, 0),
                ends_at=_at(_workdays(first, workdays), 0),
                note=note,
            )
        )

    for (offset, workdays), staff_id in zip(data.VACATIONS, rng.sample(staff, len(data.VACATIONS)), strict=True):
        day = ctx.today + dt.timedelta(days=offset)
        whole_days(staff_id, day - dt.timedelta(days=day.weekday()), workdays, kind.ABSENCE, "Urlaub")
    for _ in range(data.SICK_DAYS):
        day = ctx.today - dt.timedelta(days=rng.randint(1, HISTORY_DAYS))
        if day.weekday() < 5:
            whole_days(rng.choice(staff), day, 1, kind.ABSENCE, "")
    for note, section, offset in (data.TRAINING, data.PAST_TRAINING):
        tuesday = _next_weekday(ctx.today + dt.timedelta(days=offset), 1)
        for staff_id in staff:
            if sections.get(staff_id) == section:
                whole_days(staff_id, tuesday, 1, kind.TRAINING, note)
    assembly_note, ahead = data.STAFF_ASSEMBLY
    wednesday = _next_weekday(ctx.today + dt.timedelta(days=ahead), 2)
    rows.append(
        AvailabilityException(
            tenant=tenant,
            location=main,
            kind=kind.CLOSURE,
            starts_at=_at(wednesday, 8),
            ends_at=_at(wednesday, 12),
            note=assembly_note,
        )
    )
    return rows


def _beispielheim_capacity(ctx: DemoContext) -> None:
    """One location, three German-only services, two caseworkers on their office days."""
    tenant = ctx.tenants[BEISPIELHEIM]
    with tenant_context(tenant):
        locations, services = _create_office(
            ctx, BEISPIELHEIM, [data.BEISPIELHEIM_LOCATION], data.BEISPIELHEIM_SERVICES
        )
        users = dict(User.objects.filter(role=Role.CASEWORKER).values_list("username", "pk"))
        since = ctx.today - dt.timedelta(days=PRESENCE_SINCE_DAYS[0])
        WeeklyAvailability.objects.bulk_create(
            WeeklyAvailability(
                tenant=tenant,
                staff_id=users[username],
                location=locations[data.MAIN],
                weekday=weekday,
                starts=starts,
                ends=ends,
                valid_from=since,
            )
            for username, _skills, windows in data.BEISPIELHEIM_STAFF
            for weekday, (starts, ends) in windows
        )
        _qualify(services, {users[username]: keys for username, keys, _windows in data.BEISPIELHEIM_STAFF})
