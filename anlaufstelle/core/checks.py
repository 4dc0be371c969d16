"""System checks that keep a production installation honest (`manage.py check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def second_factor_and_demo_mode(app_configs: Any, **kwargs: Any) -> list[Error]:
    errors = []
    if not settings.ANLAUFSTELLE_REQUIRE_2FA:
        errors.append(Error("Staff must log in with a second factor in production.", id="anlaufstelle.E001"))
    if settings.ANLAUFSTELLE_DEMO_MODE:
        errors.append(Error("Demo mode shows login codes and must be off in production.", id="anlaufstelle.E002"))
    return errors
