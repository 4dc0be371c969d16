"""The demo city: what `manage.py demo_city` generates, deterministically and repeatably."""

from __future__ import annotations

import datetime as dt
import io
from base64 import b32encode
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from anlaufstelle.core.demo import DEMO_PASSWORD, STEPS, DemoStep, demo_load
from anlaufstelle.core.demo.geometry import polygon_area
from anlaufstelle.core.i18n import TranslationStatus
from anlaufstelle.core.models import (
    AuditAction,
    AuditEntry,
    District,
    OpeningHours,
    Organisation,
    Person,
    Position,
    Role,
    Section,
    Tenant,
    User,
)
from anlaufstelle.core.services import audit_record
from anlaufstelle.core.tenancy import all_tenants, tenant_context
from anlaufstelle.frontdesk.models import CallbackRequest, ContactMessage, Ticket

pytestmark = pytest.mark.django_db

PERSONA_LOGINS = {
    "admin": Role.ADMINISTRATOR,
    "leitung": Role.LEAD,
    "sb1": Role.CASEWORKER,
    "sb2": Role.CASEWORKER,
    "sb3": Role.CASEWORKER,
    "sb4": Role.CASEWORKER,
    "empfang": Role.FRONT_DESK,
    "integration": Role.COORDINATOR,
    "partner": Role.PARTNER_EDITOR,
    "pate": Role.VOLUNTEER,
    "statistik": Role.STATISTICIAN,
}


@pytest.fixture(autouse=True)
def _demo_mode(settings: Settings) -> None:
    settings.ANLAUFSTELLE_DEMO_MODE = True


def load(seed: int = 42) -> str:
    out = io.StringIO()
    call_command("demo_city", seed=seed, stdout=out)
    return out.getvalue()


def musterstadt() -> Tenant:
    return Tenant.objects.get(slug="musterstadt")


def city_snapshot() -> dict[str, object]:
    tenant = musterstadt()
    today = timezone.localdate()
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    with tenant_context(tenant):
        return {
            "districts": list(District.objects.values_list("number", "name", "geometry")),
            "users": sorted(User.objects.values_list("username", "first_name", "last_name", "role")),
            "totp_keys": sorted(TOTPDevice.objects.filter(user__tenant=tenant).values_list("user__username", "key")),
            "positions": list(Position.objects.order_by("pk").values_list("title", "fte", "holder__username")),
            "persons": sorted(Person.objects.values_list("given_names", "family_name", "date_of_birth")),
            # The front desk's history (today's scene and requests depend on the hour of loading).
            "tickets": list(
                Ticket.objects.filter(day__lt=today)
                .order_by("day", "location__name", "prefix", "number")
                .values_list("day", "prefix", "number", "status", "issued_at", "called_at", "estimate_minutes")
            ),
            "callbacks": list(
                CallbackRequest.objects.filter(created_at__lt=midnight)
                .order_by("created_at", "pk")
                .values_list("created_at", "name", "first_attempt_at")
            ),
            "messages": list(
                ContactMessage.objects.filter(created_at__lt=midnight)
                .order_by("created_at", "pk")
                .values_list("created_at", "answered_at")
            ),
        }


def row_counts() -> dict[str, int]:
    with all_tenants():
        models = [Tenant, Section, Position, User, District, OpeningHours, Organisation, Person]
        counts = {model.__name__: model.objects.count() for model in models}
    counts["TOTPDevice"] = TOTPDevice.objects.count()
    counts["User.sections"] = User.sections.through.objects.count()
    return counts


def contains(ring: list[list[float]], x: float, y: float) -> bool:
    """Ray casting: is (x, y) inside the closed ring?"""
    inside = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_the_command_creates_the_four_sections_of_the_office() -> None:
    load()

    with tenant_context(musterstadt()):
        sections = list(Section.objects.order_by("code"))
    assert [(s.code, s.name_de) for s in sections] == [
        ("1", "Beschäftigung und Studium"),
        ("2", "Familie und Aufenthalt"),
        ("3", "EU, Einbürgerung und Dokumente"),
        ("4", "Humanitärer Aufenthalt, Ausreise und Sicherheit"),
    ]
    assert all(s.field_translation_status("name", "ar") == TranslationStatus.CURRENT for s in sections)


def test_the_office_has_41_positions_and_some_of_them_are_vacant() -> None:
    load()

    with tenant_context(musterstadt()):
        positions = list(Position.objects.all())
    vacant = [p for p in positions if p.is_vacant]
    assert len(positions) == 41
    assert 4 <= len(vacant) <= 8
    assert all(p.vacant_since is not None for p in vacant)
    assert all(p.vacant_since is None for p in positions if not p.is_vacant)
    assert any(p.fte < 1 for p in positions)
    assert {p.section.code for p in positions if p.section} == {"1", "2", "3", "4"}
    assert any(p.section is None for p in positions)


def test_every_role_has_a_demo_login_with_a_confirmed_second_factor() -> None:
    load()

    tenant = musterstadt()
    with tenant_context(tenant):
        users = {user.username: user for user in User.objects.all()}
    assert {name: users[name].role for name in PERSONA_LOGINS} == PERSONA_LOGINS
    assert {user.role for user in users.values()} == set(Role.values)
    devices = TOTPDevice.objects.filter(user__tenant=tenant)
    assert devices.count() == len(users)
    assert all(device.confirmed and len(bytes.fromhex(device.key)) == 20 for device in devices)


def test_each_caseworker_login_works_in_its_own_section() -> None:
    load()

    with tenant_context(musterstadt()):
        sections = {
            name: [s.code for s in User.objects.get(username=name).sections.all()]
            for name in ("sb1", "sb2", "sb3", "sb4")
        }
        partner = User.objects.get(username="partner")
    assert sections == {"sb1": ["1"], "sb2": ["2"], "sb3": ["3"], "sb4": ["4"]}
    assert partner.organisation is not None


def test_the_city_has_20_districts_with_closed_polygons_that_do_not_overlap() -> None:
    load()

    with tenant_context(musterstadt()):
        districts = list(District.objects.all())
    rings = [d.geometry["coordinates"][0] for d in districts]
    assert [d.number for d in districts] == list(range(1, 21))
    assert len({d.name for d in districts}) == 20
    assert all(d.geometry["type"] == "Polygon" for d in districts)
    assert all(ring[0] == ring[-1] and len(ring) >= 4 for ring in rings)
    assert all(7.0 <= lon <= 7.3 and 51.3 <= lat <= 51.5 for ring in rings for lon, lat in ring)
    assert all(polygon_area(ring) > 0 for ring in rings)  # counter-clockwise, not degenerate
    samples = [(7.0 + i * 0.3 / 60, 51.3 + j * 0.2 / 60) for i in range(61) for j in range(61)]
    covered = [sum(contains(ring, x, y) for ring in rings) for x, y in samples]
    assert max(covered) == 1
    assert sum(covered) > len(samples) / 3


def test_the_same_seed_generates_the_same_city_and_another_seed_another() -> None:
    load(seed=42)
    first = city_snapshot()
    load(seed=7)
    other = city_snapshot()
    load(seed=42)

    assert city_snapshot() == first
    assert other["districts"] != first["districts"]
    assert other["totp_keys"] != first["totp_keys"]


def test_loading_twice_leaves_the_same_data() -> None:
    load()
    counts = row_counts()
    load()

    assert row_counts() == counts
    assert counts["Tenant"] == 2


def test_a_reload_keeps_the_audit_log_of_the_demo_tenant() -> None:
    load()
    with tenant_context(musterstadt()):
        audit_record(actor=None, action=AuditAction.LOGIN_FAILED, object_type="core.user")

    load()

    with tenant_context(musterstadt()):
        assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 1


def test_the_public_texts_are_translated_with_realistic_gaps() -> None:
    load()

    tenant = musterstadt()
    assert tenant.hostname_list == ["musterstadt.localhost", "127.0.0.1", "localhost"]
    for language in ("en", "ar", "uk", "tr", "fa", "ru", "de-simple"):
        assert tenant.field_translation_status("intro", language) == TranslationStatus.CURRENT
    assert tenant.field_translation_status("how_to_reach", "en") == TranslationStatus.CURRENT
    assert tenant.field_translation_status("how_to_reach", "ru") == TranslationStatus.OUTDATED
    assert tenant.field_translation_status("imprint", "ar") == TranslationStatus.MISSING
    with tenant_context(tenant):
        family = Section.objects.get(code="2")
    assert family.field_translation_status("description", "tr") == TranslationStatus.OUTDATED
    assert family.field_translation_status("description", "fa") == TranslationStatus.CURRENT


def test_a_demo_login_signs_in_with_the_printed_password_and_the_current_code() -> None:
    load()
    with tenant_context(musterstadt()):
        device = TOTPDevice.objects.get(user__username="sb1", user__tenant=musterstadt())
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    client = Client(HTTP_HOST="musterstadt.localhost")

    password_step = client.post("/mitarbeit/anmelden/", {"username": "sb1", "password": DEMO_PASSWORD})
    code_step = client.post("/mitarbeit/anmelden/code/", {"code": code})

    assert password_step.status_code == 302
    assert code_step.status_code == 302
    assert code_step.wsgi_request.user.username == "sb1"


def test_the_output_lists_every_demo_login_with_its_totp_secret_and_the_urls() -> None:
    output = load()

    tenant = musterstadt()
    device = TOTPDevice.objects.get(user__username="statistik", user__tenant=tenant)
    assert b32encode(device.bin_key).decode() in output
    assert device.config_url in output
    assert DEMO_PASSWORD in output
    assert all(f" {username} " in output for username in PERSONA_LOGINS)
    assert "http://127.0.0.1:8000/" in output
    assert "http://beispielheim.localhost:8000/" in output


def test_the_command_refuses_to_run_outside_demo_mode(settings: Settings) -> None:
    settings.ANLAUFSTELLE_DEMO_MODE = False

    with pytest.raises(CommandError):
        load()

    assert not Tenant.objects.filter(slug="musterstadt").exists()


def test_a_failing_step_leaves_nothing_half_written() -> None:
    def fail(ctx: object) -> None:
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        demo_load(seed=42, steps=[*STEPS, DemoStep("broken", fail)])

    assert not Tenant.objects.filter(slug__in=["musterstadt", "beispielheim"]).exists()
