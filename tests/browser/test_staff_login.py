"""A staff member signs in through the real login form: password, then the TOTP code."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from anlaufstelle.core.models import User
from tests.factories import PASSWORD, TOTPDeviceFactory, UserFactory

from .conftest import Site

WRONG_CODE_MESSAGE = "Der Code ist falsch oder abgelaufen. Bitte warten Sie auf den nächsten Code."


def code_at(device: TOTPDevice, steps_from_now: int = 0) -> str:
    """The code the authenticator app shows now (or ``steps_from_now`` steps away)."""
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_from_now)
    return f"{value:0{device.digits}d}"


def a_code_that_is_wrong(device: TOTPDevice) -> str:
    """Six digits the device does not accept: none of the codes inside its tolerance window."""
    accepted = {code_at(device, steps) for steps in range(-device.tolerance, device.tolerance + 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)


@pytest.fixture
def staff_member(site: Site) -> tuple[User, TOTPDevice]:
    user = UserFactory(username="sachbearbeitung", first_name="Amal", last_name="Nasser")
    return user, TOTPDeviceFactory(user=user)


def enter_password(page: Page, user: User) -> None:
    page.goto("/mitarbeit/anmelden/")
    page.get_by_label("Benutzername").fill(user.username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sicherheitscode")


def test_a_staff_member_signs_in_with_password_and_code_and_lands_on_the_staff_home(
    page: Page, site: Site, staff_member: tuple[User, TOTPDevice]
) -> None:
    user, device = staff_member

    enter_password(page, user)
    page.get_by_label("Sicherheitscode aus der Authenticator-App").fill(code_at(device))
    page.get_by_role("button", name="Anmelden").click()

    expect(page).to_have_url(f"{site.url}/mitarbeit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guten Tag, Amal Nasser")
    staff_area = page.get_by_role("navigation", name="Mitarbeitendenbereich")
    expect(staff_area.get_by_role("button", name="Abmelden")).to_be_visible()


def test_a_wrong_code_shows_an_error_and_does_not_sign_in(
    page: Page, site: Site, staff_member: tuple[User, TOTPDevice]
) -> None:
    user, device = staff_member

    enter_password(page, user)
    code_field = page.get_by_label("Sicherheitscode aus der Authenticator-App")
    code_field.fill(a_code_that_is_wrong(device))
    page.get_by_role("button", name="Anmelden").click()

    expect(page).to_have_url(f"{site.url}/mitarbeit/anmelden/code/")
    expect(page.get_by_role("alert")).to_have_text(WRONG_CODE_MESSAGE)
    expect(code_field).to_be_visible()
    expect(page.get_by_role("navigation", name="Mitarbeitendenbereich")).to_have_count(0)

    page.goto("/mitarbeit/")
    expect(page).to_have_url(f"{site.url}/mitarbeit/anmelden/?next=/mitarbeit/")


def test_a_wrong_password_shows_an_error_and_never_asks_for_a_code(
    page: Page, site: Site, staff_member: tuple[User, TOTPDevice]
) -> None:
    user, _device = staff_member

    page.goto("/mitarbeit/anmelden/")
    page.get_by_label("Benutzername").fill(user.username)
    page.get_by_label("Passwort").fill("not the password")
    page.get_by_role("button", name="Weiter").click()

    expect(page.get_by_role("alert")).to_have_text("Benutzername oder Passwort ist falsch.")
    expect(page).to_have_url(f"{site.url}/mitarbeit/anmelden/")


def test_the_code_step_with_an_error_has_no_wcag_21_aa_violations(
    page: Page,
    site: Site,
    staff_member: tuple[User, TOTPDevice],
    axe_violations: Callable[[Page], list[str]],
) -> None:
    user, device = staff_member
    enter_password(page, user)
    page.get_by_label("Sicherheitscode aus der Authenticator-App").fill(a_code_that_is_wrong(device))
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_be_visible()

    violations = axe_violations(page)

    assert not violations, "\n".join(violations)
