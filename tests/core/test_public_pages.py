"""Public pages in every language, dates per language, error pages, health check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from anlaufstelle.core.models import Tenant

from ..factories import OpeningHoursFactory


@pytest.fixture
def visitor(tenant: Tenant) -> Client:
    OpeningHoursFactory(weekday=1, opens=dt.time(7, 30), closes=dt.time(12, 0))
    return Client(HTTP_HOST="musterstadt.localhost")


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_the_start_page_exists_in_every_language_with_its_direction(visitor: Client, code: str) -> None:
    path = "/" if code == "de" else f"/{code}/"
    page = visitor.get(path).content.decode()
    assert f'<html lang="{code}" dir="{"rtl" if code in {"ar", "fa"} else "ltr"}">' in page
    assert "07:30–12:00" in page


def test_the_language_switcher_links_to_the_same_page_in_every_language(visitor: Client) -> None:
    page = visitor.get("/kontakt/").content.decode()
    for code, _name in settings.LANGUAGES:
        expected = "/kontakt/" if code == "de" else f"/{code}/kontakt/"
        assert f'href="{expected}" lang="{code}"' in page


def test_the_start_page_needs_few_queries(visitor: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get("/").status_code == 200
    assert len(queries) <= 4


def test_a_missing_page_answers_404_in_the_visitors_language(visitor: Client) -> None:
    german = visitor.get("/gibt-es-nicht/")
    arabic = visitor.get("/ar/gibt-es-nicht/")
    assert german.status_code == arabic.status_code == 404
    assert "Seite nicht gefunden" in german.content.decode()
    assert 'dir="rtl"' in arabic.content.decode()


def test_the_health_check_reports_a_reachable_database(db: None, client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_health_check_needs_no_tenant(db: None, client: Client) -> None:
    assert client.get("/healthz", HTTP_HOST="unknown.localhost").status_code == 200


def test_imprint_and_privacy_show_the_tenants_texts(visitor: Client, tenant: Tenant) -> None:
    tenant.imprint_de = "Herausgeberin: Stadt Musterstadt"
    tenant.save()
    assert "Herausgeberin: Stadt Musterstadt" in visitor.get("/impressum/").content.decode()
    assert visitor.get("/datenschutz/").status_code == 200


def test_dates_are_formatted_per_language(tenant: Tenant) -> None:
    from django.utils import formats, translation

    day = dt.date(2026, 3, 29)
    with translation.override("de"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "29.03.2026"
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "03/29/2026"
    with translation.override("de-simple"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "29.03.2026"


def test_times_are_shown_in_berlin_time_across_the_clock_change(tenant: Tenant) -> None:
    from django.utils import timezone

    before = dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC)
    after = dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)
    assert timezone.localtime(before).strftime("%H:%M") == "01:30"
    assert timezone.localtime(after).strftime("%H:%M") == "03:30"
