"""The host-to-tenant answer is remembered between requests, and forgotten when a tenant changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from anlaufstelle.core.models import Tenant
from anlaufstelle.core.tenancy import all_tenants

pytestmark = pytest.mark.django_db


def test_a_known_host_is_answered_without_asking_the_database_again(
    tenant: Tenant, django_assert_num_queries: Any
) -> None:
    client = Client(HTTP_HOST="musterstadt.localhost")
    client.get("/healthz")
    client.get("/api/v1/services")  # remembers the tenant
    with django_assert_num_queries(1):  # the services, not the tenant
        client.get("/api/v1/services")


def test_a_host_moved_to_another_tenant_is_served_by_it_at_once(tenant: Tenant, other_tenant: Tenant) -> None:
    assert "Musterstadt" in Client(HTTP_HOST="musterstadt.localhost").get("/").content.decode()
    with all_tenants():
        tenant.hostnames = "testserver"
        tenant.save()
        other_tenant.hostnames = "beispielheim.localhost\nmusterstadt.localhost"
        other_tenant.save()
    assert "Beispielheim" in Client(HTTP_HOST="musterstadt.localhost").get("/").content.decode()


def test_a_deactivated_tenant_stops_answering_at_once(tenant: Tenant) -> None:
    assert Client(HTTP_HOST="musterstadt.localhost").get("/").status_code == 200
    with all_tenants():
        tenant.is_active = False
        tenant.save()
    assert Client(HTTP_HOST="musterstadt.localhost").get("/").status_code == 404
