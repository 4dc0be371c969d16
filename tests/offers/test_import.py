"""Importing offers from CSV or an HSDS export: dry run, clear errors per row, all or nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from anlaufstelle.offers.models import Offer
from anlaufstelle.offers.selectors import OfferFilters, offers_search
from anlaufstelle.offers.services.importing import offers_import, read_csv, read_hsds

from ..conftest import Personas
from .directory import Directory

pytestmark = pytest.mark.django_db

GOOD = (
    "organisation;name;summary;topics;life_situations;languages;cost;website\n"
    "Volkshochschule Musterstadt;Alphabetisierungskurs;Lesen und Schreiben lernen.;sprache;flucht;ar|fa;free;"
    "https://vhs.example.org\n"
    "Neuer Verein;Nähcafé;Gemeinsam nähen.;wohnen;alle;;free;\n"
    "Mieterverein;Wohnungssuche: Beratung;Hilfe beim Mietvertrag.;wohnen;alle;;paid;\n"
)


def test_a_dry_run_reports_without_writing(directory: Directory, personas: Personas) -> None:
    report = offers_import(records=read_csv(GOOD.encode()), editor=personas.coordinator, dry_run=True)
    assert report.ok
    assert [(r.name, r.outcome) for r in report.rows] == [
        ("Alphabetisierungskurs", "created"),
        ("Nähcafé", "created"),
        ("Wohnungssuche: Beratung", "unchanged"),
    ]
    assert not Offer.objects.filter(name_de="Alphabetisierungskurs").exists()


def test_the_import_creates_and_changes_offers_and_indexes_them(directory: Directory, personas: Personas) -> None:
    changed = GOOD.replace("Hilfe beim Mietvertrag.", "Hilfe bei der Nebenkostenabrechnung.")
    report = offers_import(records=read_csv(changed.encode()), editor=personas.coordinator, dry_run=False)
    assert report.ok
    assert report.rows[2].outcome == "changed"
    assert report.rows[2].fields == ["summary"]
    course = Offer.objects.get(name_de="Alphabetisierungskurs")
    assert sorted(course.languages.values_list("code", flat=True)) == ["ar", "fa"]
    assert [o.name_de for o in offers_search(text="Nebenkosten", filters=OfferFilters()).offers] == [
        "Wohnungssuche: Beratung"
    ]
    again = offers_import(records=read_csv(changed.encode()), editor=personas.coordinator, dry_run=True)
    assert {row.outcome for row in again.rows} == {"unchanged"}


def test_broken_rows_are_named_and_nothing_is_imported(directory: Directory, personas: Personas) -> None:
    broken = GOOD + "Mieterverein;;x;unbekannt;alle;;teuer;keine-adresse\n"
    report = offers_import(records=read_csv(broken.encode()), editor=personas.coordinator, dry_run=False)
    assert not report.ok
    messages = [f"{where}: {message}" for where, message in report.errors]
    assert "Zeile 5: Der Titel fehlt." in messages
    assert "Zeile 5: Unbekanntes Thema „unbekannt“." in messages
    assert "Zeile 5: Unbekannte Kostenart „teuer“." in messages
    assert "Zeile 5: „keine-adresse“ ist keine gültige Internetadresse." in messages
    assert not Offer.objects.filter(name_de="Alphabetisierungskurs").exists()


def test_an_hsds_export_round_trips(directory: Directory, personas: Personas, tmp_path: Path) -> None:
    call_command("offers_export_hsds", str(tmp_path), tenant="musterstadt", stdout=io.StringIO())
    files = {path.name: path.read_bytes() for path in tmp_path.glob("*.json")}
    report = offers_import(records=read_hsds(files), editor=personas.coordinator, dry_run=True)
    assert report.ok, report.errors
    assert {row.outcome for row in report.rows} == {"unchanged"}
    assert len(report.rows) == 3


def test_the_command_is_a_dry_run_unless_applied(directory: Directory, personas: Personas, tmp_path: Path) -> None:
    source = tmp_path / "offers.csv"
    source.write_text(GOOD)
    out = io.StringIO()
    call_command("offers_import", str(source), tenant="musterstadt", user="coordinator", stdout=out)
    assert "2 created, 0 changed, 1 unchanged would be imported." in out.getvalue()
    assert not Offer.objects.filter(name_de="Nähcafé").exists()
    call_command("offers_import", str(source), tenant="musterstadt", user="coordinator", apply=True, stdout=out)
    assert Offer.objects.filter(name_de="Nähcafé").exists()


def test_the_staff_page_checks_a_file_first(directory: Directory, personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.coordinator)
    page = client.post("/mitarbeit/angebote/import/", {"file": SimpleUploadedFile("o.csv", GOOD.encode())})
    assert page.status_code == 200
    assert "Neu: 2, geändert: 0, unverändert: 1." in page.content.decode()
    assert not Offer.objects.filter(name_de="Nähcafé").exists()
