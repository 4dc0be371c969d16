"""The full HSDS export (command and zip download): every row of every table is valid HSDS 3.0."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from .directory import Directory
from .hsds_schemas import TABLE_OF, assert_valid, errors_of

pytestmark = pytest.mark.django_db


def test_the_schemas_refuse_what_hsds_does_not_allow() -> None:
    # the validator is not a rubber stamp: required fields, enumerations and nested $refs count
    assert errors_of({"id": "x", "name": "Kurs"}, "service.json")
    assert errors_of({"id": "x", "name": "Kurs", "status": "open"}, "service.json")
    assert errors_of({"id": "x", "location_type": "physical", "addresss": [{"id": "a"}]}, "location.json")
    assert not errors_of({"id": "x", "name": "Kurs", "status": "active"}, "service.json")


def test_the_command_writes_one_valid_file_per_table(directory: Directory, tmp_path: Path) -> None:
    call_command("offers_export_hsds", str(tmp_path), tenant="musterstadt", language="ar", stdout=io.StringIO())
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert package["hsds_version"] == "3.0"
    assert package["language"] == "ar"
    for table, schema in TABLE_OF.items():
        rows = json.loads((tmp_path / f"{table}.json").read_text())
        for row in rows:
            assert_valid(row, schema)
    services = json.loads((tmp_path / "services.json").read_text())
    assert sorted(s["name"] for s in services) == ["Sprachcafé", "Wohnungssuche: Beratung", "دورة الاندماج"]
    links = json.loads((tmp_path / "service_at_locations.json").read_text())
    assert {link["service_id"] for link in links} == {str(directory.course.uuid), str(directory.cafe.uuid)}
    attributes = json.loads((tmp_path / "attributes.json").read_text())
    assert len(attributes) == 6  # one topic and one life situation per offer
    schedules = json.loads((tmp_path / "schedules.json").read_text())
    assert len(schedules) == 5


def test_the_zip_download_holds_the_same_tables(directory: Directory) -> None:
    response = Client(HTTP_HOST="musterstadt.localhost").get("/angebote/daten/hsds.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert {f"{table}.json" for table in TABLE_OF} <= set(archive.namelist())
        for table, schema in TABLE_OF.items():
            for row in json.loads(archive.read(f"{table}.json")):
                assert_valid(row, schema)
