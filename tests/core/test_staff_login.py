"""Staff sign in with username, password and a TOTP code; failures are throttled."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from anlaufstelle.core.models import AuditEntry, Tenant

from ..conftest import Personas, current_code
from ..factories import PASSWORD, TOTPDeviceFactory, UserFactory

LOGIN = "/mitarbeit/anmelden/"
CODE = "/mitarbeit/anmelden/code/"
SETUP = "/mitarbeit/anmelden/einrichten/"


@pytest.fixture
def browser(tenant: Tenant) -> Client:
    return Client(HTTP_HOST="musterstadt.localhost")


def test_a_correct_password_and_code_sign_the_user_in(browser: Client, tenant: Tenant) -> None:
    user = UserFactory()
    device = TOTPDeviceFactory(user=user)
    assert browser.post(LOGIN, {"username": user.username, "password": PASSWORD})["Location"] == CODE
    response = browser.post(CODE, {"code": current_code(device)})
    assert response.status_code == 302
    assert browser.get("/mitarbeit/").status_code == 200
    assert AuditEntry.objects.filter(action="login", actor_id=user.pk).count() == 1


def test_a_password_alone_does_not_sign_the_user_in(browser: Client, tenant: Tenant) -> None:
    user = UserFactory()
    TOTPDeviceFactory(user=user)
    browser.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert browser.get("/mitarbeit/").status_code == 302


def test_a_wrong_code_is_refused_with_a_message(browser: Client, tenant: Tenant) -> None:
    user = UserFactory()
    device = TOTPDeviceFactory(user=user)
    browser.post(LOGIN, {"username": user.username, "password": PASSWORD})
    wrong = f"{(int(current_code(device)) + 1) % 1000000:06d}"
    response = browser.post(CODE, {"code": wrong})
    assert response.status_code == 200
    assert "Der Code ist falsch oder abgelaufen" in response.content.decode()
    assert browser.get("/mitarbeit/").status_code == 302


def test_a_wrong_password_shows_one_message_for_unknown_users_and_wrong_passwords(
    browser: Client, tenant: Tenant
) -> None:
    user = UserFactory()
    wrong_password = browser.post(LOGIN, {"username": user.username, "password": "nope"}).content.decode()
    unknown_user = browser.post(LOGIN, {"username": "nobody", "password": "nope"}).content.decode()
    assert "Benutzername oder Passwort ist falsch." in wrong_password
    assert "Benutzername oder Passwort ist falsch." in unknown_user
    assert AuditEntry.objects.filter(action="login_failed").count() == 2


def test_the_message_comes_in_the_language_of_the_page(browser: Client, tenant: Tenant) -> None:
    response = browser.post("/en/" + LOGIN.lstrip("/"), {"username": "nobody", "password": "nope"})
    assert "Benutzername oder Passwort ist falsch." not in response.content.decode()


def test_five_failed_attempts_lock_the_login_for_that_user(browser: Client, tenant: Tenant) -> None:
    user = UserFactory()
    TOTPDeviceFactory(user=user)
    for _ in range(5):
        browser.post(LOGIN, {"username": user.username, "password": "wrong"})
    response = browser.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "vorübergehend gesperrt" in response.content.decode()


def test_a_user_cannot_sign_in_at_another_tenants_address(tenant: Tenant, other_tenant: Tenant) -> None:
    user = UserFactory()
    TOTPDeviceFactory(user=user)
    other = Client(HTTP_HOST="beispielheim.localhost")
    response = other.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch." in response.content.decode()


def test_a_user_without_second_factor_sets_it_up_on_first_login(browser: Client, tenant: Tenant) -> None:
    user = UserFactory()
    assert browser.post(LOGIN, {"username": user.username, "password": PASSWORD})["Location"] == SETUP
    page = browser.get(SETUP).content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert browser.post(SETUP, {"code": current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert browser.get("/mitarbeit/").status_code == 200


def test_demo_mode_shows_the_current_code_and_production_never_does(browser: Client, tenant: Tenant, settings) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    device = TOTPDeviceFactory(user=user)
    settings.ANLAUFSTELLE_DEMO_MODE = True
    browser.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert current_code(device) in browser.get(CODE).content.decode()
    settings.ANLAUFSTELLE_DEMO_MODE = False
    assert current_code(device) not in browser.get(CODE).content.decode()


def test_the_next_parameter_only_redirects_within_the_site(browser: Client, personas: Personas) -> None:
    device = TOTPDeviceFactory(user=personas.lead)
    browser.post(
        LOGIN + "?next=https://evil.example/",
        {"username": "lead", "password": PASSWORD, "next": "https://evil.example/"},
    )
    response = browser.post(CODE, {"code": current_code(device)})
    assert response["Location"] == "/mitarbeit/"


def test_logout_ends_the_session(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.lead)
    assert client.post("/mitarbeit/abmelden/").status_code == 302
    assert client.get("/mitarbeit/").status_code == 302


def test_behind_a_reverse_proxy_a_lock_holds_for_the_attacker_and_not_for_everyone(
    tenant: Tenant, settings: pytest.FixtureRequest
) -> None:
    settings.AXES_IPWARE_PROXY_COUNT = 1  # the same proxy, two people behind it
    user = UserFactory()
    TOTPDeviceFactory(user=user)
    attacker = Client(HTTP_HOST="musterstadt.localhost", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    colleague = Client(HTTP_HOST="musterstadt.localhost", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")
    for _ in range(5):
        attacker.post(LOGIN, {"username": user.username, "password": "wrong"})
    assert attacker.post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 429
    assert colleague.post(LOGIN, {"username": user.username, "password": PASSWORD})["Location"] == CODE
