"""The Open Referral HSDS 3.0 API: every endpoint, its query parameters and the paginated
response object; every object validated against the official schemas."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from anlaufstelle.offers import hsds

from ..factories import OfferContactFactory, TopicFactory
from .directory import Directory
from .hsds_schemas import assert_valid, assert_valid_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="musterstadt.localhost")


def get(client: Client, path: str, language: str = "de", **params: Any) -> dict[str, Any]:
    response = client.get(f"/api/hsds{path}", params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    return response.json()


def names(body: dict[str, Any]) -> list[str]:
    return sorted(item["name"] for item in body["contents"])


def test_the_root_names_the_hsds_version_and_the_openapi_document(client: Client, directory: Directory) -> None:
    body = get(client, "/")
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/hsds/openapi.json")
    assert client.get("/api/hsds/openapi.json").status_code == 200


@pytest.mark.parametrize(
    ("path", "table"),
    [
        ("/services", "services"),
        ("/organizations", "organizations"),
        ("/service_at_locations", "service_at_locations"),
        ("/taxonomies", "taxonomies"),
        ("/taxonomy_terms", "taxonomy_terms"),
    ],
)
@pytest.mark.parametrize("full", [False, True])
def test_every_list_is_a_valid_page_of_valid_objects(
    client: Client, directory: Directory, path: str, table: str, full: bool
) -> None:
    OfferContactFactory(offer=directory.course, name="Amal Haddad", title="Beratung", email="haddad@example.org")
    params = {"full": "true"} if full else {}
    body = get(client, path, **params)
    assert_valid_page(body, table)
    assert body["contents"], path
    if table == "services" and full:
        for service in body["contents"]:
            assert_valid(service["organization"], "organization.json")
            for link in service["service_at_locations"]:
                assert_valid(link["location"], "location.json")


def test_a_service_is_fully_nested_and_valid(client: Client, directory: Directory) -> None:
    OfferContactFactory(offer=directory.course, name="Amal Haddad", email="haddad@example.org")
    directory.course.phone = "0211 123456"
    directory.course.save()
    body = get(client, f"/services/{directory.course.uuid}")
    assert_valid(body, "service.json")
    assert body["name"] == "Integrationskurs Deutsch"
    assert [c["name"] for c in body["contacts"]] == ["Amal Haddad"]
    assert body["phones"][0]["number"] == "0211 123456"
    assert {a["link_type"] for a in body["attributes"]} == {"topic", "life_situation"}
    location = body["service_at_locations"][0]["location"]
    assert location["name"] == "Bürgerhaus Altstadt"
    assert location["latitude"] == pytest.approx(51.05)
    assert {s["byday"] for s in location["schedules"]} == {"MO", "TU", "WE", "TH", "FR"}
    assert body["organization"]["name"] == "Volkshochschule Musterstadt"
    assert [lang["code"] for lang in body["languages"]] == ["ar"]


def test_content_follows_accept_language_with_german_fallback(client: Client, directory: Directory) -> None:
    arabic = get(client, "/services", language="ar")
    assert "دورة الاندماج" in names(arabic)  # translated
    assert "Wohnungssuche: Beratung" in names(arabic)  # no Arabic title: German
    term = get(client, f"/taxonomy_terms/{hsds.term_id(directory.language)}", language="en")
    assert term["name"] == "Language"


def test_a_service_filter_by_term_taxonomy_and_organisation(client: Client, directory: Directory) -> None:
    by_term = get(client, "/services", taxonomy_term_id=hsds.term_id(directory.housing))
    assert names(by_term) == ["Wohnungssuche: Beratung"]
    by_situation = get(client, "/services", taxonomy_term_id=hsds.term_id(directory.refugee))
    assert names(by_situation) == ["Integrationskurs Deutsch"]
    by_organisation = get(client, "/services", organization_id=hsds.organisation_id(directory.organisation))
    assert names(by_organisation) == ["Integrationskurs Deutsch", "Sprachcafé"]
    by_taxonomy = get(client, "/services", taxonomy_id=hsds.taxonomy_id("life_situations"))
    assert by_taxonomy["total_items"] == 3
    unknown = get(client, "/services", taxonomy_term_id="nothing")
    assert unknown["total_items"] == 0
    assert unknown["empty"]


def test_search_modified_after_and_minimal(client: Client, directory: Directory) -> None:
    assert names(get(client, "/services", search="kurs")) == ["Integrationskurs Deutsch"]
    later = (timezone.now() + dt.timedelta(hours=1)).isoformat()
    assert get(client, "/services", modified_after=later)["total_items"] == 0
    minimal = get(client, "/services", minimal="true")
    assert_valid_page(minimal, "services")
    assert set(minimal["contents"][0]) == {"id", "name", "status", "modified_date"}


def test_pages_follow_page_and_per_page(client: Client, directory: Directory) -> None:
    second = get(client, "/services", page=2, per_page=2)
    assert {k: second[k] for k in ("total_items", "total_pages", "page_number", "size")} == {
        "total_items": 3,
        "total_pages": 2,
        "page_number": 2,
        "size": 1,
    }
    assert (second["first_page"], second["last_page"], second["empty"]) == (False, True, False)
    beyond = get(client, "/services", page=5, per_page=2)
    assert beyond["empty"]
    assert beyond["contents"] == []
    assert client.get("/api/hsds/services", {"per_page": 0}).status_code == 422


def test_organizations_service_at_locations_and_taxonomies_by_id(client: Client, directory: Directory) -> None:
    organisation = get(client, f"/organizations/{hsds.organisation_id(directory.organisation)}")
    assert_valid(organisation, "organization.json")
    assert sorted(s["name"] for s in organisation["services"]) == ["Integrationskurs Deutsch", "Sprachcafé"]
    for service in organisation["services"]:
        assert_valid(service, "service.json")
    link = directory.course.offer_places.get()
    body = get(client, f"/service_at_locations/{link.uuid}")
    assert_valid(body, "service_at_location.json")
    assert_valid(body["location"], "location.json")
    assert body["service"]["name"] == "Integrationskurs Deutsch"
    taxonomy = get(client, f"/taxonomies/{hsds.taxonomy_id('topics')}")
    assert_valid(taxonomy, "taxonomy.json")


def test_taxonomy_terms_filter_by_taxonomy_and_parent(client: Client, directory: Directory) -> None:
    child = TopicFactory(code="kurse", name="Sprachkurse", parent=directory.language)
    topics = get(client, "/taxonomy_terms", taxonomy_id=hsds.taxonomy_id("topics"))
    assert {t["code"] for t in topics["contents"]} == {"sprache", "wohnen", "kurse"}
    children = get(client, "/taxonomy_terms", parent_id=hsds.term_id(directory.language))
    assert [t["code"] for t in children["contents"]] == [child.code]
    top = get(client, "/taxonomy_terms", taxonomy_id=hsds.taxonomy_id("topics"), top_only="true")
    assert {t["code"] for t in top["contents"]} == {"sprache", "wohnen"}


def test_unpublished_offers_and_unknown_ids_are_not_found(client: Client, directory: Directory) -> None:
    directory.cafe.publication = "pending"
    directory.cafe.save()
    assert "Sprachcafé" not in names(get(client, "/services"))
    assert client.get(f"/api/hsds/services/{directory.cafe.uuid}").status_code == 404
    assert client.get("/api/hsds/services/not-a-uuid").status_code == 404
    assert client.get("/api/hsds/organizations/unknown").status_code == 404
    missing = client.get("/api/hsds/taxonomy_terms/unknown", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
