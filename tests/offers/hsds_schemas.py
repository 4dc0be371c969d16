"""Validation against the official HSDS 3.0 JSON Schemas in ``data/hsds/schema`` (see the README there)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).parent / "data" / "hsds" / "schema"
BASE = "https://hsds.invalid/schema/"  # a local base URI: relative $refs resolve among the copied files
# the endpoint's contents -> the table schema each item must satisfy (as openapi.json names them)
TABLE_OF = {
    "services": "service.json",
    "organizations": "organization.json",
    "service_at_locations": "service_at_location.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
    "locations": "location.json",
    "attributes": "attribute.json",
    "languages": "language.json",
    "phones": "phone.json",
    "contacts": "contact.json",
    "schedules": "schedule.json",
}


@functools.cache
def _registry() -> Registry:
    resources = [
        (BASE + path.name, DRAFT202012.create_resource(json.loads(path.read_text())))
        for path in SCHEMA_DIR.glob("*.json")
        if path.name != "openapi.json"
    ]
    return Registry().with_resources(resources)


@functools.cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": BASE + name}, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@functools.cache
def page_validator() -> Draft202012Validator:
    openapi = json.loads((SCHEMA_DIR / "openapi.json").read_text())
    page = openapi["components"]["schemas"]["Page"]
    strict = {**page, "required": sorted(page["properties"])}  # every field of the page object is sent
    return Draft202012Validator(strict)


def errors_of(obj: Any, schema: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema).iter_errors(obj)]


def assert_valid(obj: Any, schema: str) -> None:
    errors = errors_of(obj, schema)
    assert not errors, f"{schema}: {errors[:5]}"


def assert_valid_page(body: dict[str, Any], table: str) -> None:
    """A paginated response: the page object, and each item against its table schema."""
    errors = [e.message for e in page_validator().iter_errors(body)]
    assert not errors, errors
    assert isinstance(body["contents"], list)
    for item in body["contents"]:
        assert_valid(item, TABLE_OF[table])
