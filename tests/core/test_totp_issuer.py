"""Authenticator apps tell accounts of the same username at two offices apart."""

from __future__ import annotations

from urllib.parse import unquote

from anlaufstelle.core.models import Tenant

from ..factories import TOTPDeviceFactory, UserFactory


def test_the_provisioning_uri_names_the_tenant(tenant: Tenant) -> None:
    device = TOTPDeviceFactory(user=UserFactory(username="admin"))
    assert unquote(device.config_url).startswith("otpauth://totp/Anlaufstelle Musterstadt:admin?")
