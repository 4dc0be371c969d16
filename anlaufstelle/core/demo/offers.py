"""Demo step: Musterstadt's offers directory (Wegweiser) – topics, life situations, ~60 providers,
places in every district with opening hours, ~300 offers, dates of meeting places, and the
partner's pending changes. Everything in bulk; the search index is built once at the end."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ..models import District, Organisation, Role, User
from ..tenancy import tenant_context
from .context import DemoContext, mark_translated_from, mark_translations_current, translate
from .data import offers as data
from .data.appointments import SERVICES
from .data.network import PARTNER_ORGANISATION
from .data.offers_taxonomy import LIFE_SITUATIONS, TOPICS
from .network import organisations_create
from .tenants import MUSTERSTADT

PLACES_PER_DISTRICT = 4
CONTACT_NAMES = ["Yilmaz", "Schmidt", "Haddad", "Kowalski", "Nowak", "Petrenko", "Weber", "Rahimi"]


def _centroid(district: District) -> tuple[float, float]:
    ring = district.geometry["coordinates"][0][:-1]
    return sum(p[1] for p in ring) / len(ring), sum(p[0] for p in ring) / len(ring)


def _places(ctx: DemoContext, tenant: Any, rng: random.Random, districts: list[District]) -> list[Any]:
    from anlaufstelle.offers.models import Place, PlaceHours, PlaceHoursException

    places = []
    for district in districts:
        lat, lon = _centroid(district)
        for index in range(PLACES_PER_DISTRICT):
            kind = rng.choice(data.PLACE_NAMES)
            place = Place(
                tenant=tenant,
                name=f"{kind} {district.name}" if index == 0 else f"{kind} {rng.choice(data.STREETS)}",
                street=f"{rng.choice(data.STREETS)} {rng.randint(1, 120)}",
                postcode=f"{23000 + district.number * 10 + index}",
                city="Musterstadt",
                district=district,
                latitude=Decimal(f"{lat + rng.uniform(-0.004, 0.004):.6f}"),
                longitude=Decimal(f"{lon + rng.uniform(-0.006, 0.006):.6f}"),
                step_free=rng.random() < 0.7,
                accessible_toilet=rng.random() < 0.5,
                hearing_loop=rng.random() < 0.15,
            )
            translate(place, "name", {"de": place.name})
            if place.step_free:
                translate(place, "accessibility_note", {"de": "Eingang stufenlos über die Rampe am Hof."})
            places.append(place)
    Place.objects.bulk_create(places)
    hours = []
    for place in places:
        afternoon = rng.random() < 0.4
        for weekday in range(5 if rng.random() < 0.8 else 6):
            opens, closes = (dt.time(13, 0), dt.time(18, 0)) if afternoon else (dt.time(9, 0), dt.time(16, 0))
            hours.append(
                PlaceHours(
                    tenant=tenant,
                    place=place,
                    weekday=weekday,
                    opens=opens,
                    closes=closes,
                    by_appointment_only=weekday == 4 and rng.random() < 0.3,
                )
            )
    PlaceHours.objects.bulk_create(hours)
    exceptions = []
    for place in rng.sample(places, 6):
        start = ctx.today + dt.timedelta(days=rng.randint(-3, 20))
        kind = rng.choice(list(PlaceHoursException.Kind))
        exception = PlaceHoursException(
            tenant=tenant,
            place=place,
            starts_on=start,
            ends_on=start + dt.timedelta(days=rng.randint(0, 10)),
            kind=kind,
            opens=dt.time(10, 0) if kind == PlaceHoursException.Kind.CHANGED else None,
            closes=dt.time(12, 0) if kind == PlaceHoursException.Kind.CHANGED else None,
        )
        note = {
            PlaceHoursException.Kind.CLOSED: {"de": "Wegen Renovierung geschlossen.", "en": "Closed for renovation."},
            PlaceHoursException.Kind.APPOINTMENT_ONLY: {"de": "Nur mit Termin.", "en": "By appointment only."},
            PlaceHoursException.Kind.CHANGED: {"de": "Kürzere Öffnungszeiten.", "en": "Shorter opening hours."},
        }[kind]
        translate(exception, "note", note)
        mark_translations_current(exception)
        exceptions.append(exception)
    PlaceHoursException.objects.bulk_create(exceptions)
    ctx.count("Orte der Angebote", len(places))
    return places


def _taxonomy(tenant: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    from anlaufstelle.offers.models import LifeSituation, Topic

    topics = {}
    for position, (code, names) in enumerate(TOPICS):
        topic = Topic(tenant=tenant, code=code, position=position)
        translate(topic, "name", names)
        mark_translations_current(topic)
        topics[code] = topic
    Topic.objects.bulk_create(topics.values())
    situations = {}
    for position, (code, everyone, names) in enumerate(LIFE_SITUATIONS):
        situation = LifeSituation(tenant=tenant, code=code, position=position, is_everyone=everyone)
        translate(situation, "name", names)
        mark_translations_current(situation)
        situations[code] = situation
    LifeSituation.objects.bulk_create(situations.values())
    return topics, situations


def _organisations(ctx: DemoContext, tenant: Any, rng: random.Random) -> dict[str, Organisation]:
    organisations_create(ctx, tenant, rng, data.MORE_ORGANISATIONS)
    return {key: org for (slug, key), org in ctx.organisations.items() if slug == MUSTERSTADT}


def _access(offer: Any, access: str) -> None:
    offer.walk_in, offer.by_appointment, offer.online = "w" in access, "a" in access, "o" in access


def _checked_on(ctx: DemoContext, rng: random.Random) -> dt.date:
    # most offers checked within half a year, some long ago (the reminder has work to do)
    return ctx.today - dt.timedelta(days=rng.randint(400, 700) if rng.random() < 0.1 else rng.randint(0, 170))


def load_offers(ctx: DemoContext) -> None:
    """The directory of Musterstadt (see the module docstring)."""
    from anlaufstelle.appointments.models import Service
    from anlaufstelle.offers.models import (
        Offer,
        OfferChange,
        OfferContact,
        OfferDate,
        OfferLanguage,
        OfferLink,
        OfferPlace,
    )
    from anlaufstelle.offers.services import search_index_rebuild

    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("offers")
    with tenant_context(tenant):
        topics, situations = _taxonomy(tenant)
        organisations = _organisations(ctx, tenant, rng)
        districts = list(District.objects.order_by("number"))
        places = _places(ctx, tenant, rng, districts)
        service_names = {spec.key: spec.texts["name"]["de"] for spec in SERVICES}
        services = {getattr(s, "name_de", ""): s for s in Service.objects.all()}

        offers: list[Offer] = []
        specs: list[tuple[Offer, tuple[str, ...], tuple[str, ...], tuple[str, ...], str]] = []
        for spec in data.KEY_OFFERS:
            organisation = organisations[spec.organisation]
            offer = Offer(
                tenant=tenant,
                organisation=organisation,
                cost=spec.cost,
                cost_amount=Decimal("2.29") if spec.cost == "reduced" and spec.organisation == "vhs" else None,
                email=organisation.email,
                phone=organisation.phone,
                website=f"{organisation.website}/{spec.website_path}" if spec.website_path else organisation.website,
                appointment_service=services.get(service_names.get(spec.service, "")),
                last_checked_on=_checked_on(ctx, rng),
            )
            _access(offer, spec.access if not spec.service else "a")
            for field_name, field_texts in spec.texts.items():
                translate(offer, field_name, field_texts)
            for language, field_name in spec.outdated.items():
                source = spec.texts[field_name]["de"].rsplit(" ", 3)[0]
                mark_translated_from(offer, language=language, field_name=field_name, source=source)
            mark_translations_current(offer, except_fields={lang: [f] for lang, f in spec.outdated.items()})
            offers.append(offer)
            specs.append((offer, spec.topics, spec.situations, spec.languages, spec.dates))

        for topic, situation_codes, name, summary, english, cost, access in data.EVERYDAY:
            providers = list(data.EVERYDAY_PROVIDERS[topic])
            rng.shuffle(providers)
            for provider in providers[: rng.randint(6, 8)]:
                organisation = organisations[provider]
                offer = Offer(
                    tenant=tenant,
                    organisation=organisation,
                    cost=cost,
                    email=organisation.email,
                    phone=organisation.phone,
                    website=organisation.website,
                    last_checked_on=_checked_on(ctx, rng),
                    status=Offer.Status.TEMPORARILY_CLOSED if rng.random() < 0.03 else Offer.Status.ACTIVE,
                )
                _access(offer, access)
                texts: dict[str, dict[str, str]] = {"name": {"de": name}, "summary": {"de": summary}}
                if english and rng.random() < 0.6:  # realistic gaps: not every provider translates
                    texts["name"]["en"] = english
                if rng.random() < 0.15:
                    texts["name"]["de-simple"] = name
                    texts["summary"]["de-simple"] = summary
                for field_name, values in texts.items():
                    translate(offer, field_name, values)
                mark_translations_current(offer)
                codes = ("de", *data.ORGANISATION_LANGUAGES.get(provider, ()))
                weekly = (
                    f"weekly:{rng.randint(0, 4)}:{rng.choice(['15:00', '17:00', '18:30'])}-"
                    if topic == "freizeit"
                    else ""
                )
                offers.append(offer)
                specs.append((offer, (topic,), situation_codes, codes, weekly))
        Offer.objects.bulk_create(offers)

        topic_links: list[Any] = []
        situation_links: list[Any] = []
        languages: list[OfferLanguage] = []
        offer_places: list[OfferPlace] = []
        dates: list[OfferDate] = []
        contacts: list[OfferContact] = []
        links: list[OfferLink] = []
        for offer, topic_codes, situation_codes, language_codes, date_spec in specs:
            topic_links += [Offer.topics.through(offer_id=offer.pk, topic_id=topics[c].pk) for c in topic_codes]
            situation_links += [
                Offer.life_situations.through(offer_id=offer.pk, lifesituation_id=situations[c].pk)
                for c in situation_codes
            ]
            languages += [
                OfferLanguage(tenant=tenant, offer=offer, code=code) for code in dict.fromkeys(language_codes)
            ]
            chosen = rng.sample(places, 1 if offer.appointment_service_id else rng.choice([1, 1, 2, 3]))
            offer_places += [OfferPlace(tenant=tenant, offer=offer, place=place) for place in chosen]
            if date_spec:
                _kind, weekday, span = date_spec.split(":", 2)
                start_text, _sep, end_text = span.partition("-")
                start = dt.time.fromisoformat(start_text)
                end = (
                    dt.time.fromisoformat(end_text)
                    if end_text
                    else (dt.datetime.combine(ctx.today, start) + dt.timedelta(hours=2)).time()
                )
                first = ctx.today + dt.timedelta(days=(int(weekday) - ctx.today.weekday()) % 7)
                zone = timezone.get_default_timezone()
                dates.append(
                    OfferDate(
                        tenant=tenant,
                        offer=offer,
                        place=chosen[0],
                        starts_at=dt.datetime.combine(first, start, tzinfo=zone),
                        ends_at=dt.datetime.combine(first, end, tzinfo=zone),
                        weekly_until=first + dt.timedelta(weeks=26),
                    )
                )
            if offer.appointment_service_id is None and rng.random() < 0.5:
                contacts.append(
                    OfferContact(
                        tenant=tenant,
                        offer=offer,
                        name=f"{rng.choice(['Frau', 'Herr'])} {rng.choice(CONTACT_NAMES)}",
                        email=offer.email,
                        phone=offer.phone,
                    )
                )
        for offer in offers[: len(data.KEY_OFFERS)]:
            link = OfferLink(tenant=tenant, offer=offer, url=f"{offer.website.rstrip('/')}/flyer.pdf")
            translate(link, "label", {"de": "Flyer (PDF)", "en": "Leaflet (PDF)", "de-simple": "Infoblatt (PDF)"})
            mark_translations_current(link)
            links.append(link)
        Offer.topics.through.objects.bulk_create(topic_links)
        Offer.life_situations.through.objects.bulk_create(situation_links)
        OfferLanguage.objects.bulk_create(languages)
        OfferPlace.objects.bulk_create(offer_places)
        OfferDate.objects.bulk_create(dates)
        OfferContact.objects.bulk_create(contacts)
        OfferLink.objects.bulk_create(links)

        # the partner login's organisation: a change and a new offer waiting for the coordinator
        partner = User.objects.filter(
            role=Role.PARTNER_EDITOR, organisation=organisations[PARTNER_ORGANISATION]
        ).first()
        own = [offer for offer in offers if offer.organisation_id == organisations[PARTNER_ORGANISATION].pk]
        if partner is not None and own:
            OfferChange.objects.create(
                tenant=tenant,
                offer=own[0],
                author=partner,
                proposed={"summary_de": f"{getattr(own[0], 'summary_de', '')} Jetzt auch donnerstags 14–17 Uhr."},
            )
            pending = Offer(
                tenant=tenant,
                organisation=organisations[PARTNER_ORGANISATION],
                publication=Offer.Publication.PENDING,
                by_appointment=True,
                last_checked_on=ctx.today,
                last_checked_by=partner,
            )
            translate(pending, "name", {"de": "Beratung zur Familienzusammenführung"})
            translate(pending, "summary", {"de": "Wir helfen beim Visum für Ehegatten und Kinder."})
            pending.save()
            pending.topics.set([topics["aufenthalt"], topics["familie"]])
        indexed = search_index_rebuild()
    ctx.count("Angebote", indexed)
