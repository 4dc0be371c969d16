"""The directory as Open Referral HSDS 3.0 objects: the one serialisation the API and the export use.

Mapping (HSDS table ← model):

- ``organization`` ← ``core.Organisation`` (the provider)
- ``service`` ← :class:`Offer` (its ``uuid``); summary and description become HSDS ``description``,
  "how to get there" ``application_process``, the cost note ``fees_description``, the date of the
  last check ``assured_date``
- ``location`` ← :class:`Place`, with its address, opening hours (``schedules``, RFC 5545 weekly
  rules) and accessibility
- ``service_at_location`` ← :class:`OfferPlace`
- ``taxonomy`` ← the two taxonomies of the directory, ``topics`` and ``life_situations``;
  ``taxonomy_term`` ← :class:`Topic` / :class:`LifeSituation`; ``attribute`` links a service to
  its terms (``link_type`` ``topic`` or ``life_situation``)
- ``language``, ``phone``, ``contact`` ← the offer's languages, phone numbers and contacts

Objects without an own UUID in the database (organisations, taxonomies, terms, phones, languages,
attributes, schedules) get a name-based UUID (RFC 4122 version 5) from the tenant and their key, so
an identifier stays the same from one export to the next. Text comes in the active language with
German as the fallback (django-modeltranslation); the field names follow the schemas of
``tests/offers/data/hsds/`` (see the README there).
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from anlaufstelle.core.models import Organisation
from anlaufstelle.core.tenancy import require_tenant

from .models import LifeSituation, Offer, OfferPlace, Place, PlaceHours, Topic

HSDS_VERSION = "3.0"
NAMESPACE = uuid.UUID("5a0f3c3e-9d5e-4c1a-8f36-0b8e2f4a7d10")  # of this application's name-based ids
TAXONOMIES = {
    "topics": ("Themen", "Was jemand braucht: Sprache, Arbeit, Wohnen, …"),
    "life_situations": ("Lebenslagen", "Für wen ein Angebot gedacht ist: Studium, Familiennachzug, Flucht, …"),
}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
Json = dict[str, Any]


def stable_id(*parts: object) -> str:
    """A name-based UUID of this tenant's object with the key ``parts`` (the same in every export)."""
    return str(uuid.uuid5(NAMESPACE, "/".join([require_tenant().slug, *map(str, parts)])))


def organisation_id(organisation: Organisation) -> str:
    return stable_id("organisation", organisation.pk)


def taxonomy_id(name: str) -> str:
    return stable_id("taxonomy", name)


def term_id(term: Topic | LifeSituation) -> str:
    kind = "topics" if isinstance(term, Topic) else "life_situations"
    return stable_id("term", kind, term.code)


def _text(value: object) -> str:
    return str(value or "")


def _drop_empty(data: Json) -> Json:
    """HSDS leaves out what is unknown rather than sending empty strings or nulls."""
    return {key: value for key, value in data.items() if value not in (None, "")}


# --- Taxonomies ------------------------------------------------------------------------------


def taxonomy_dict(name: str) -> Json:
    title, description = TAXONOMIES[name]
    return {"id": taxonomy_id(name), "name": title, "description": description}


def taxonomy_term_dict(term: Topic | LifeSituation) -> Json:
    kind = "topics" if isinstance(term, Topic) else "life_situations"
    parent = getattr(term, "parent", None)
    data = _drop_empty(
        {
            "id": term_id(term),
            "code": term.code,
            "name": _text(term.name),
            "parent_id": term_id(parent) if parent is not None else None,
            "taxonomy": taxonomy_dict(kind),
            "taxonomy_id": taxonomy_id(kind),
            "language": (get_language() or settings.LANGUAGE_CODE).split("-")[0],
        }
    )
    data["description"] = _text(term.description)  # required, even when empty
    return data


def language_name(code: str) -> str:
    """The name of a language in itself ("العربية"), for HSDS ``language.name``."""
    info = LANG_INFO.get(code)
    if info:
        return str(info.get("name_local") or info["name"])
    with translation.override(code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE):
        return str(dict(settings.LANGUAGES).get(code, code))


# --- Organisations ---------------------------------------------------------------------------


def organization_dict(organisation: Organisation, *, services: Iterable[Offer] | None = None) -> Json:
    """An organisation; with ``services`` (fully nested) when given."""
    data = _drop_empty(
        {
            "id": organisation_id(organisation),
            "name": organisation.name,
            "email": organisation.email,
            "website": organisation.website,
        }
    )
    data["description"] = ""
    if organisation.phone:
        data["phones"] = [
            {"id": stable_id("organisation-phone", organisation.pk), "number": organisation.phone, "type": "voice"}
        ]
    if services is not None:
        data["services"] = [service_dict(offer, full=True, nest_organization=False) for offer in services]
    return data


# --- Locations -------------------------------------------------------------------------------


def _schedules(place: Place) -> list[Json]:
    offset = timezone.localtime().strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}"  # +01:00 / +02:00 (Europe/Berlin now)
    rows: list[PlaceHours] = list(place.hours.all())
    return [
        _drop_empty(
            {
                "id": stable_id("hours", hours.pk),
                "location_id": str(place.uuid),
                "freq": "WEEKLY",
                "byday": WEEKDAYS[hours.weekday],
                "opens_at": f"{hours.opens:%H:%M}{offset}",
                "closes_at": f"{hours.closes:%H:%M}{offset}",
                "attending_type": "appointment" if hours.by_appointment_only else None,
                "description": str(hours),
            }
        )
        for hours in rows
    ]


def _accessibility(place: Place) -> list[Json]:
    features = [
        (place.step_free, _("stufenlos erreichbar")),
        (place.accessible_toilet, _("barrierefreies WC")),
        (place.hearing_loop, _("Induktionsschleife")),
    ]
    descriptions = [str(label) for present, label in features if present]
    if not descriptions and not place.accessibility_note:
        return []
    return [
        _drop_empty(
            {
                "id": stable_id("accessibility", place.pk),
                "location_id": str(place.uuid),
                "description": ", ".join(descriptions),
                "details": _text(place.accessibility_note),
            }
        )
    ]


def location_dict(place: Place) -> Json:
    physical = bool(place.street)
    data = _drop_empty(
        {
            "id": str(place.uuid),
            "location_type": "physical" if physical else "virtual",
            "organization_id": organisation_id(place.organisation) if place.organisation else None,
            "name": _text(place.name),
            "description": _text(place.directions),
            "latitude": float(place.latitude) if place.latitude is not None else None,
            "longitude": float(place.longitude) if place.longitude is not None else None,
            "alternate_name": place.district.name if place.district else None,
        }
    )
    if physical:
        data["addresss"] = [
            {
                "id": stable_id("address", place.pk),
                "location_id": str(place.uuid),
                "address_1": place.street,
                "city": place.city or require_tenant().name,
                "state_province": "",
                "postal_code": place.postcode,
                "country": "DE",
                "address_type": "physical",
            }
        ]
    if place.phone:
        data["phones"] = [{"id": stable_id("place-phone", place.pk), "number": place.phone, "type": "voice"}]
    if schedules := _schedules(place):
        data["schedules"] = schedules
    if accessibility := _accessibility(place):
        data["accessibilitys"] = accessibility
    return data


# --- Services --------------------------------------------------------------------------------


def _attributes(offer: Offer) -> list[Json]:
    result = []
    for link_type, terms in (("topic", offer.topics.all()), ("life_situation", offer.life_situations.all())):
        for term in terms:
            result.append(
                {
                    "id": stable_id("attribute", offer.uuid, term_id(term)),
                    "link_id": str(offer.uuid),
                    "link_entity": "service",
                    "link_type": link_type,
                    "taxonomy_term_id": term_id(term),
                    "taxonomy_term": taxonomy_term_dict(term),
                }
            )
    return result


def description_of(offer: Offer) -> str:
    """HSDS has no summary: summary and description make up its ``description``."""
    summary, description = _text(offer.summary).strip(), _text(offer.description).strip()
    if summary and description and not description.startswith(summary):
        return f"{summary}\n\n{description}"
    return description or summary


def service_at_location_dict(offer_place: OfferPlace, *, full: bool) -> Json:
    data = _drop_empty(
        {
            "id": str(offer_place.uuid),
            "service_id": str(offer_place.offer.uuid),
            "location_id": str(offer_place.place.uuid),
            "description": _text(offer_place.note),
        }
    )
    if full:
        data["location"] = location_dict(offer_place.place)
    return data


def service_dict(offer: Offer, *, full: bool, nest_organization: bool = True) -> Json:
    """A service: its own fields; ``full`` adds what is linked to it (HSDS "fully nested")."""
    data = _drop_empty(
        {
            "id": str(offer.uuid),
            "organization_id": organisation_id(offer.organisation),
            "name": _text(offer.name),
            "description": description_of(offer),
            "url": offer.website,
            "email": offer.email,
            "status": offer.status,
            "application_process": _text(offer.next_step),
            "fees_description": _text(offer.cost_description),
            "eligibility_description": _text(offer.eligibility),
            "minimum_age": offer.minimum_age,
            "maximum_age": offer.maximum_age,
            "assured_date": offer.last_checked_on.isoformat() if offer.last_checked_on else None,
            "alert": _text(offer.alert),
        }
    )
    if not full:
        return data
    data["languages"] = [
        {
            "id": stable_id("language", offer.uuid, lang.code),
            "service_id": str(offer.uuid),
            "code": lang.code,
            "name": language_name(lang.code),
        }
        for lang in offer.languages.all()
    ]
    data["phones"] = (
        [{"id": stable_id("service-phone", offer.uuid), "service_id": str(offer.uuid), "number": offer.phone}]
        if offer.phone
        else []
    )
    data["contacts"] = [
        _drop_empty(
            {
                "id": stable_id("contact", contact.pk),
                "service_id": str(offer.uuid),
                "name": contact.name,
                "title": _text(contact.title),
                "email": contact.email,
            }
        )
        for contact in offer.contacts.all()
    ]
    data["attributes"] = _attributes(offer)
    data["service_at_locations"] = [
        service_at_location_dict(offer_place, full=True) for offer_place in offer.offer_places.all()
    ]
    if nest_organization:
        data["organization"] = organization_dict(offer.organisation)
    return data


# --- Querysets with what a serialisation reads -------------------------------------------------


def offer_places_prefetched() -> QuerySet[OfferPlace]:
    return OfferPlace.objects.select_related("offer", "place__district", "place__organisation").prefetch_related(
        "place__hours"
    )


def with_everything(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    """What ``service_dict(full=True)`` reads, in a fixed number of queries."""
    return offers.select_related("organisation").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.select_related("parent")),
        "life_situations",
        "languages",
        "contacts",
        Prefetch("offer_places", queryset=offer_places_prefetched()),
    )


# --- The whole data set ------------------------------------------------------------------------


def export_tables(offers: QuerySet[Offer]) -> dict[str, list[Json]]:
    """Every HSDS table of the published directory: one list of flat objects per table (the
    tabular form of HSDS, with the link tables as their own lists), in the active language."""
    offers = with_everything(offers.order_by("pk"))
    services = list(offers)
    organisations = {offer.organisation_id: offer.organisation for offer in services}
    places: dict[int, Place] = {}
    tables: dict[str, list[Json]] = {
        "organizations": [],
        "services": [],
        "locations": [],
        "service_at_locations": [],
        "taxonomies": [taxonomy_dict(name) for name in TAXONOMIES],
        "taxonomy_terms": [],
        "attributes": [],
        "languages": [],
        "phones": [],
        "contacts": [],
        "schedules": [],
    }
    for organisation in sorted(organisations.values(), key=lambda o: o.pk):
        data = organization_dict(organisation)
        tables["phones"] += [{**p, "organization_id": data["id"]} for p in data.pop("phones", [])]
        tables["organizations"].append(data)
    for offer in services:
        full = service_dict(offer, full=True, nest_organization=False)
        for table in ("languages", "phones", "contacts"):
            tables[table] += full[table]
        for attribute in full["attributes"]:
            tables["attributes"].append({k: v for k, v in attribute.items() if k != "taxonomy_term"})
        for link in offer.offer_places.all():
            places[link.place_id] = link.place
            tables["service_at_locations"].append(service_at_location_dict(link, full=False))
        tables["services"].append(service_dict(offer, full=False))
    for place in sorted(places.values(), key=lambda p: p.pk):
        data = location_dict(place)
        tables["schedules"] += data.pop("schedules", [])
        tables["phones"] += [{**p, "location_id": data["id"]} for p in data.pop("phones", [])]
        tables["locations"].append(data)
    terms: list[Topic | LifeSituation] = [
        *Topic.objects.select_related("parent").order_by("pk"),
        *LifeSituation.objects.order_by("pk"),
    ]
    for term in terms:
        data = taxonomy_term_dict(term)
        data.pop("taxonomy")
        tables["taxonomy_terms"].append(data)
    return tables


def export_files(offers: QuerySet[Offer]) -> dict[str, bytes]:
    """The export as files: one ``<table>.json`` (a JSON array) per HSDS table, and a short
    ``datapackage.json`` naming them, the HSDS version and the language of the texts."""
    tables = export_tables(offers)
    files = {f"{name}.json": json.dumps(rows, ensure_ascii=False, indent=1).encode() for name, rows in tables.items()}
    files["datapackage.json"] = json.dumps(
        {
            "name": f"wegweiser-{require_tenant().slug}",
            "profile": "https://openreferral.org/",
            "hsds_version": HSDS_VERSION,
            "language": get_language() or settings.LANGUAGE_CODE,
            "created": timezone.now().isoformat(timespec="seconds"),
            "resources": [{"name": name, "path": f"{name}.json", "count": len(rows)} for name, rows in tables.items()],
        },
        ensure_ascii=False,
        indent=1,
    ).encode()
    return files


def export_zip(offers: QuerySet[Offer]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in export_files(offers).items():
            archive.writestr(name, content)
    return buffer.getvalue()
