"""Importing offers from an HSDS export (the JSON files per table, or their zip) or from a CSV file.

Everything happens in one transaction: one wrong row and nothing is imported. A dry run does the
same work and rolls it back, so its report (created / changed / unchanged, with the changed
fields) is exactly what the real run would do.

CSV columns (first row = header, UTF-8, comma or semicolon separated; only ``organisation`` and
``name`` are required, an empty cell leaves the field as it is on an existing offer):

``id`` (the offer's HSDS id, a UUID; matches an existing offer), ``organisation``, ``name``,
``summary``, ``description``, ``eligibility``, ``next_step``, ``cost`` (``free``, ``reduced`` or
``paid``), ``cost_description``, ``status`` (``active``, ``temporarily closed``, ``inactive``,
``defunct``), ``email``, ``phone``, ``website``, ``valid_from`` and ``valid_until`` (YYYY-MM-DD),
``topics`` and ``life_situations`` (codes, separated by ``|``), ``languages`` (codes such as
``ar|uk``). Without ``id`` an offer is matched by organisation and German title.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anlaufstelle.core.models import AuditAction, Organisation, User
from anlaufstelle.core.services import audit_record

from ..hsds import description_of
from ..models import LifeSituation, Offer, OfferLanguage, Topic
from .index import search_index_update

TEXT_FIELDS = ("name", "summary", "description", "eligibility", "next_step", "cost_description")
PLAIN_FIELDS = ("status", "cost", "email", "phone", "website", "valid_from", "valid_until")
LIST_FIELDS = ("topics", "life_situations", "languages")
CSV_COLUMNS = ("id", "organisation", *TEXT_FIELDS, *PLAIN_FIELDS, *LIST_FIELDS)


class ImportError_(Exception):
    """A file that cannot be read at all; the message is for the coordinator."""


@dataclass
class Record:
    """One offer as read from a file, before it is checked."""

    line: str  # where it came from, for messages ("Zeile 3", "Angebot 5f0c…")
    values: dict[str, Any]


@dataclass
class RowResult:
    line: str
    name: str
    outcome: str  # created, changed, unchanged
    fields: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (where, message)
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)


class _Failed(Exception):
    pass


# --- Reading ---------------------------------------------------------------------------------


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(";", "|").split("|") if part.strip()]


def read_csv(content: bytes) -> list[Record]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportError_(_("Die CSV-Datei ist nicht in UTF-8 gespeichert.")) from error
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in ("organisation", "name") if name not in header]
    if missing:
        raise ImportError_(_("Der CSV-Datei fehlen die Spalten: %(columns)s") % {"columns": ", ".join(missing)})
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if unknown:
        raise ImportError_(_("Unbekannte Spalten in der CSV-Datei: %(columns)s") % {"columns": ", ".join(unknown)})
    records = []
    for number, row in enumerate(reader, start=2):
        values: dict[str, Any] = {}
        for name, raw in row.items():
            value = (raw or "").strip()
            if name is None or not value:
                continue
            values[name.strip()] = _split(value) if name.strip() in LIST_FIELDS else value
        records.append(Record(line=_("Zeile %(number)d") % {"number": number}, values=values))
    return records


def _table(files: dict[str, bytes], name: str) -> list[dict[str, Any]]:
    if f"{name}.json" not in files:
        return []
    try:
        rows = json.loads(files[f"{name}.json"])
    except ValueError as error:
        raise ImportError_(_("%(file)s ist kein gültiges JSON.") % {"file": f"{name}.json"}) from error
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ImportError_(_("%(file)s muss eine Liste von Objekten sein.") % {"file": f"{name}.json"})
    return rows


def read_hsds(files: dict[str, bytes]) -> list[Record]:
    """Services of an HSDS export (tabular form: one JSON array per table), with their organisation,
    taxonomy terms (by code), languages and phone number."""
    if "services.json" not in files:
        raise ImportError_(_("Die Datei services.json fehlt."))
    organisations = {row.get("id"): row.get("name", "") for row in _table(files, "organizations")}
    terms = {row.get("id"): row for row in _table(files, "taxonomy_terms")}
    attributes: dict[str, list[dict[str, Any]]] = {}
    for row in _table(files, "attributes"):
        attributes.setdefault(str(row.get("link_id")), []).append(row)
    languages: dict[str, list[str]] = {}
    for row in _table(files, "languages"):
        if row.get("service_id") and row.get("code"):
            languages.setdefault(str(row["service_id"]), []).append(str(row["code"]))
    phones = {str(row["service_id"]): row.get("number", "") for row in _table(files, "phones") if row.get("service_id")}
    records = []
    for number, service in enumerate(_table(files, "services"), start=1):
        sid = str(service.get("id", ""))
        values: dict[str, Any] = {
            "id": sid,
            "organisation": organisations.get(service.get("organization_id"), ""),
            "name": service.get("name", ""),
            "hsds_description": service.get("description", ""),
            "eligibility": service.get("eligibility_description", ""),
            "next_step": service.get("application_process", ""),
            "cost_description": service.get("fees_description", ""),
            "status": service.get("status", ""),
            "email": service.get("email", ""),
            "website": service.get("url", ""),
            "phone": phones.get(sid, ""),
            "languages": languages.get(sid, []),
        }
        for link_type, key in (("topic", "topics"), ("life_situation", "life_situations")):
            codes = [
                str(terms.get(a.get("taxonomy_term_id"), {}).get("code") or a.get("taxonomy_term_id"))
                for a in attributes.get(sid, [])
                if a.get("link_type") == link_type
            ]
            values[key] = codes
        values = {k: v for k, v in values.items() if v not in ("", None)}
        label = _("Angebot %(number)d (%(name)s)") % {"number": number, "name": service.get("name") or sid}
        records.append(Record(line=label, values=values))
    return records


def read_upload(name: str, content: bytes) -> list[Record]:
    """A CSV file, a zip of HSDS JSON files, or services.json alone."""
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return read_csv(content)
    if lowered.endswith(".zip"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                files = {entry.rsplit("/", 1)[-1]: archive.read(entry) for entry in archive.namelist()}
        except zipfile.BadZipFile as error:
            raise ImportError_(_("Die ZIP-Datei ist beschädigt.")) from error
        return read_hsds(files)
    if lowered.endswith(".json"):
        return read_hsds({"services.json": content})
    raise ImportError_(_("Bitte laden Sie eine CSV-, JSON- oder ZIP-Datei hoch."))


# --- Checking and applying ---------------------------------------------------------------------


def _check(record: Record, topics: dict[str, Topic], situations: dict[str, LifeSituation]) -> list[str]:
    values, errors = record.values, []
    if not values.get("organisation"):
        errors.append(_("Die Organisation fehlt."))
    if not values.get("name"):
        errors.append(_("Der Titel fehlt."))
    if values.get("id"):
        try:
            uuid.UUID(values["id"])
        except ValueError:
            errors.append(_("„%(value)s“ ist keine gültige Kennung (UUID).") % {"value": values["id"]})
    if values.get("cost") and values["cost"] not in Offer.Cost.values:
        errors.append(_("Unbekannte Kostenart „%(value)s“.") % {"value": values["cost"]})
    if values.get("status") and values["status"] not in Offer.Status.values:
        errors.append(_("Unbekannter Status „%(value)s“.") % {"value": values["status"]})
    for name in ("valid_from", "valid_until"):
        if values.get(name):
            try:
                values[name] = dt.date.fromisoformat(str(values[name]))
            except ValueError:
                errors.append(_("„%(value)s“ ist kein Datum (JJJJ-MM-TT).") % {"value": values[name]})
    start, end = values.get("valid_from"), values.get("valid_until")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        errors.append(_("„gültig bis“ liegt vor „gültig ab“."))
    if values.get("email"):
        try:
            EmailValidator()(values["email"])
        except ValidationError:
            errors.append(_("„%(value)s“ ist keine gültige E-Mail-Adresse.") % {"value": values["email"]})
    if values.get("website"):
        try:
            URLValidator()(values["website"])
        except ValidationError:
            errors.append(_("„%(value)s“ ist keine gültige Internetadresse.") % {"value": values["website"]})
    for code in values.get("topics", []):
        if code not in topics:
            errors.append(_("Unbekanntes Thema „%(code)s“.") % {"code": code})
    for code in values.get("life_situations", []):
        if code not in situations:
            errors.append(_("Unbekannte Lebenslage „%(code)s“.") % {"code": code})
    return errors


def _find(values: dict[str, Any], organisation: Organisation | None) -> Offer | None:
    if values.get("id"):
        found = Offer.objects.filter(uuid=values["id"]).first()
        if found is not None:
            return found
    if organisation is None or organisation.pk is None:
        return None
    return Offer.objects.filter(organisation=organisation, name_de=values["name"]).first()


def _apply(
    offer: Offer, values: dict[str, Any], topics: dict[str, Topic], situations: dict[str, LifeSituation]
) -> list[str]:
    changed = []
    if "hsds_description" in values:
        with translation.override("de"):
            same = not offer._state.adding and description_of(offer) == values["hsds_description"]
        if not same:
            values = {**values, "description": values["hsds_description"]}
    for name in TEXT_FIELDS:
        if name in values and (getattr(offer, f"{name}_de") or "") != values[name]:
            setattr(offer, f"{name}_de", values[name])
            changed.append(name)
    for name in PLAIN_FIELDS:
        if name in values and getattr(offer, name) != values[name]:
            setattr(offer, name, values[name])
            changed.append(name)
    if offer.cost == Offer.Cost.FREE:
        offer.cost_amount = None
    if values.get("id") and offer._state.adding:
        offer.uuid = uuid.UUID(values["id"])
    if changed or offer._state.adding:
        offer.full_clean(exclude=["topics", "life_situations", "places", "organisation", "last_checked_by"])
        offer.save()
    current_topics = set(offer.topics.values_list("code", flat=True))
    if "topics" in values and current_topics != set(values["topics"]):
        offer.topics.set([topics[code] for code in values["topics"]])
        changed.append("topics")
    current_situations = set(offer.life_situations.values_list("code", flat=True))
    if "life_situations" in values and current_situations != set(values["life_situations"]):
        offer.life_situations.set([situations[code] for code in values["life_situations"]])
        changed.append("life_situations")
    current_languages = set(offer.languages.values_list("code", flat=True))
    if "languages" in values and current_languages != set(values["languages"]):
        OfferLanguage.objects.filter(offer=offer).delete()
        OfferLanguage.objects.bulk_create(
            OfferLanguage(offer=offer, code=code, tenant_id=offer.tenant_id)
            for code in sorted(set(values["languages"]))
        )
        changed.append("languages")
    return changed


def offers_import(*, records: list[Record], editor: User, dry_run: bool) -> ImportReport:
    """Create or change the offers of ``records``; all or nothing. A dry run rolls everything back."""
    report = ImportReport(dry_run=dry_run)
    topics = {topic.code: topic for topic in Topic.objects.all()}
    situations = {situation.code: situation for situation in LifeSituation.objects.all()}
    for record in records:
        report.errors += [(record.line, message) for message in _check(record, topics, situations)]
    if report.errors:
        return report
    try:
        with transaction.atomic():
            organisations = {o.name: o for o in Organisation.objects.all()}
            touched = []
            for record in records:
                values = record.values
                organisation = organisations.get(values["organisation"])
                if organisation is None:
                    organisation = Organisation.objects.create(name=values["organisation"])
                    organisations[organisation.name] = organisation
                offer = _find(values, organisation)
                created = offer is None
                if offer is None:
                    offer = Offer(
                        organisation=organisation, last_checked_on=timezone.localdate(), last_checked_by=editor
                    )
                try:
                    fields = _apply(offer, values, topics, situations)
                except ValidationError as error:
                    report.errors += [(record.line, message) for message in error.messages]
                    continue
                outcome = "created" if created else ("changed" if fields else "unchanged")
                report.rows.append(RowResult(record.line, values["name"], outcome, [] if created else fields))
                if outcome != "unchanged":
                    touched.append(offer.pk)
                    audit_record(
                        actor=editor,
                        action=AuditAction.CREATE if created else AuditAction.CHANGE,
                        object_type="offers.offer",
                        object_id=str(offer.pk),
                        details={"fields": sorted(fields) or ["import"]},
                    )
            if report.errors:
                raise _Failed
            search_index_update(offer_ids=touched)
            if dry_run:
                transaction.set_rollback(True)
    except _Failed:
        report.rows = []
    return report
