"""Shared fixtures: tenants, the staff personas of CONVENTIONS.md, logged-in clients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import time_machine
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import DjangoDbBlocker

from anlaufstelle.core.demo import DemoContext, demo_load
from anlaufstelle.core.models import Role, Section, Tenant, User
from anlaufstelle.core.tenancy import all_tenants, tenant_context

from .factories import PASSWORD, OrganisationFactory, SectionFactory, TenantFactory, TOTPDeviceFactory, UserFactory

#: The suite's clock: today, at this local time, running on from there. The front desk stops
#: issuing walk-in tickets in the afternoon and a day's tickets are numbered from midnight, so a
#: run must not depend on the hour CI happens to start it.
TEST_CLOCK = dt.time(9, 30)


def pytest_configure(config: pytest.Config) -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(settings.TIME_ZONE)
    today = dt.datetime.now(zone).date()
    time_machine.travel(dt.datetime.combine(today, TEST_CLOCK, tzinfo=zone), tick=True).start()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _purge_audit_log_before_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """Transactional tests end with a flush; the audit log refuses plain deletes, so the
    retention job (the one legitimate deleter) empties it first. Requesting
    ``transactional_db`` here makes this teardown run before the flush, with the database open."""
    if not {"transactional_db", "live_server"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from anlaufstelle.core.services import audit_purge

    audit_purge(before=timezone.now() + dt.timedelta(days=1))


@pytest.fixture(autouse=True)
def _source_language() -> None:
    """Each test starts without an active language (German, the source language): the test
    client leaves the language of its last request active, and a model created under another
    language would get its text in that language's column."""
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Rate-limit counters and used bot-guard tokens live in the cache: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def tenant(db: None) -> Iterator[Tenant]:
    """The tenant "Musterstadt", active for the whole test."""
    with all_tenants():
        instance = TenantFactory(slug="musterstadt", name="Musterstadt", hostnames="musterstadt.localhost\ntestserver")
    with tenant_context(instance):
        yield instance


@pytest.fixture
def other_tenant(db: None) -> Tenant:
    with all_tenants():
        return TenantFactory(slug="beispielheim", name="Beispielheim", hostnames="beispielheim.localhost")


@dataclass
class Personas:
    section: Section
    other_section: Section
    admin: User
    lead: User
    caseworker: User
    other_caseworker: User
    frontdesk: User
    coordinator: User
    partner: User
    volunteer: User
    statistician: User

    def all(self) -> dict[str, User]:
        return {name: getattr(self, name) for name in PERSONA_NAMES}


PERSONA_NAMES = [
    "admin",
    "lead",
    "caseworker",
    "other_caseworker",
    "frontdesk",
    "coordinator",
    "partner",
    "volunteer",
    "statistician",
]


@pytest.fixture
def personas(tenant: Tenant) -> Personas:
    """One user per role, plus a caseworker of another section (CONVENTIONS.md)."""
    section = SectionFactory(code="1", name="Beschäftigung und Studium")
    other = SectionFactory(code="2", name="Familie und Aufenthalt")
    return Personas(
        section=section,
        other_section=other,
        admin=UserFactory(username="admin", role=Role.ADMINISTRATOR),
        lead=UserFactory(username="lead", role=Role.LEAD),
        caseworker=UserFactory(username="caseworker", role=Role.CASEWORKER, sections=[section]),
        other_caseworker=UserFactory(username="other_caseworker", role=Role.CASEWORKER, sections=[other]),
        frontdesk=UserFactory(username="frontdesk", role=Role.FRONT_DESK),
        coordinator=UserFactory(username="coordinator", role=Role.COORDINATOR),
        partner=UserFactory(username="partner", role=Role.PARTNER_EDITOR, organisation=OrganisationFactory()),
        volunteer=UserFactory(username="volunteer", role=Role.VOLUNTEER),
        statistician=UserFactory(username="statistician", role=Role.STATISTICIAN),
    )


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def login_with_second_factor(client: Client, user: User) -> None:
    """Sign in through the real login: password, then the TOTP code of the user's device."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDeviceFactory(user=user)
    response = client.post("/mitarbeit/anmelden/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    response = client.post("/mitarbeit/anmelden/code/", {"code": current_code(device)})
    assert response.status_code == 302, response.content[:500]
    device.refresh_from_db()
    device.last_t = -1  # allow the same code again for the next login in the same test
    device.save(update_fields=["last_t"])


@pytest.fixture
def client_for(tenant: Tenant):  # type: ignore[no-untyped-def]
    """``client_for(user)``: a test client signed in as ``user`` with the second factor."""

    def make(user: User | None) -> Client:
        client = Client(HTTP_HOST="musterstadt.localhost")
        if user is not None:
            login_with_second_factor(client, user)
        return client

    return make


@pytest.fixture
def is_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture(scope="module")
def city(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[DemoContext]:
    """The demo city (seed 42), loaded once for a module's tests and rolled back after them; a
    module sets ``DEMO_TODAY`` to load it as of another day."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_load(seed=42, today=getattr(request.module, "DEMO_TODAY", None))
        transaction.set_rollback(True)
