"""System checks that keep a production installation honest (`manage.py check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Info, Tags, register


@register(Tags.security, deploy=True)
def second_factor_and_demo_mode(app_configs: Any, **kwargs: Any) -> list[Error]:
    errors = []
    if not settings.ANLAUFSTELLE_REQUIRE_2FA:
        errors.append(Error("Staff must log in with a second factor in production.", id="anlaufstelle.E001"))
    if settings.ANLAUFSTELLE_DEMO_MODE:
        errors.append(Error("Demo mode shows login codes and must be off in production.", id="anlaufstelle.E002"))
    return errors


@register(Tags.security, deploy=True)
def bot_guard(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    if not settings.BOTGUARD_ENABLED:
        messages.append(Error("The bot guard of the public forms must be on in production.", id="anlaufstelle.E003"))
    backend = settings.CACHES["default"]["BACKEND"]
    if backend == "django.core.cache.backends.dummy.DummyCache":
        messages.append(
            Error(
                "The bot guard needs a real cache to count requests and to refuse a used challenge.",
                hint="Set REDIS_URL.",
                id="anlaufstelle.E004",
            )
        )
    elif backend == "django.core.cache.backends.locmem.LocMemCache":
        messages.append(
            Info(
                "Each process has its own cache: rate limits count per process and a solved "
                "challenge could be used once in each process.",
                hint="Set REDIS_URL when running more than one process.",
                id="anlaufstelle.I001",
            )
        )
    return messages
