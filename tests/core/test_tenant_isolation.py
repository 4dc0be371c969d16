"""A query can never return another tenant's data: checked for every tenant-owned model."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.test import Client

from anlaufstelle.core import tenancy
from anlaufstelle.core.models import Person, Tenant
from anlaufstelle.core.tenancy import TenantMismatch, TenantNotSet, TenantOwned, all_tenants, tenant_context

from ..factories import TENANT_OWNED_FACTORIES, PersonFactory

# Models of the project that hold no tenant data, with the reason.
GLOBAL_MODELS = {
    "core.tenant": "the tenants themselves",
    "core.auditpurgegrant": "a marker row that lives only inside the retention job's transaction",
    "core.scheduledrun": "platform schedule of periodic jobs, no tenant data",
}


@contextmanager
def no_tenant() -> Iterator[None]:
    """Run as code outside any request or task: no tenant active (e.g. at import time)."""
    token = tenancy._state.set(tenancy._State())
    try:
        yield
    finally:
        tenancy._state.reset(token)


def project_models() -> list[type]:
    return [m for m in apps.get_models() if m.__module__.startswith("anlaufstelle.")]


def label(model: type) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def test_every_project_model_is_tenant_owned_or_declared_global() -> None:
    undeclared = [
        label(m) for m in project_models() if not issubclass(m, TenantOwned) and label(m) not in GLOBAL_MODELS
    ]
    assert undeclared == []


def test_every_tenant_owned_model_has_a_factory_for_the_isolation_test() -> None:
    owned = {label(m) for m in project_models() if issubclass(m, TenantOwned)}
    assert owned - set(TENANT_OWNED_FACTORIES) == set()


@pytest.mark.parametrize("model_label", sorted(TENANT_OWNED_FACTORIES))
def test_a_query_returns_only_the_active_tenants_rows(model_label: str, tenant: Tenant, other_tenant: Tenant) -> None:
    factory = TENANT_OWNED_FACTORIES[model_label]
    model = apps.get_model(model_label)
    mine = factory()
    with tenant_context(other_tenant):
        theirs = factory()
        assert list(model.objects.values_list("pk", flat=True)) == [theirs.pk]

    assert set(model.objects.values_list("pk", flat=True)) == {mine.pk}
    assert not model.objects.filter(pk=theirs.pk).exists()
    with pytest.raises(model.DoesNotExist):
        model.objects.get(pk=theirs.pk)
    assert model.objects.count() == 1


@pytest.mark.parametrize("model_label", sorted(TENANT_OWNED_FACTORIES))
def test_a_query_outside_any_tenant_fails_loudly(model_label: str, tenant: Tenant) -> None:
    model = apps.get_model(model_label)
    TENANT_OWNED_FACTORIES[model_label]()
    with no_tenant(), pytest.raises(TenantNotSet):
        list(model.objects.all())


def test_a_queryset_built_before_the_tenant_is_known_is_scoped_when_it_runs(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    mine = PersonFactory()
    with tenant_context(other_tenant):
        PersonFactory()
    with no_tenant():
        early = Person.objects.all()  # e.g. a form field's choices, built at import time
    assert list(early) == [mine]


def test_an_object_of_another_tenant_cannot_be_saved_in_this_tenants_context(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    with tenant_context(other_tenant):
        theirs = PersonFactory()
    theirs.family_name = "Changed"
    with pytest.raises(TenantMismatch):
        theirs.save()


def test_all_tenants_is_the_explicit_way_to_cross_tenants(tenant: Tenant, other_tenant: Tenant) -> None:
    PersonFactory()
    with tenant_context(other_tenant):
        PersonFactory()
    with all_tenants():
        assert Person.objects.count() == 2


def test_a_request_is_served_by_the_tenant_of_its_host_name(tenant: Tenant, other_tenant: Tenant) -> None:
    other_tenant.name_de = "Beispielheim"
    with all_tenants():
        other_tenant.save()
    assert "Musterstadt" in Client(HTTP_HOST="musterstadt.localhost").get("/").content.decode()
    assert "Beispielheim" in Client(HTTP_HOST="beispielheim.localhost").get("/").content.decode()


def test_an_unknown_host_without_default_tenant_gets_404(tenant: Tenant, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOWED_HOSTS = ["*"]
    settings.ANLAUFSTELLE_DEFAULT_TENANT = ""
    assert Client(HTTP_HOST="unknown.example").get("/").status_code == 404


def test_an_unknown_host_is_served_by_the_default_tenant_when_configured(tenant: Tenant, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ANLAUFSTELLE_DEFAULT_TENANT = "musterstadt"
    response = Client(HTTP_HOST="127.0.0.1").get("/")
    assert response.status_code == 200
    assert "Musterstadt" in response.content.decode()
