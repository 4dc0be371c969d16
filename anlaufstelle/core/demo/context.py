"""State shared by the demo loader steps: the seed, what earlier steps created, the logins."""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..i18n import (
    SOURCE_LANGUAGE,
    TranslatableContent,
    column,
    target_languages,
    translation_mark_current,
)
from ..models import Organisation, Section, Tenant, User

DEMO_PASSWORD = "Demo-Passwort-2026"  # noqa: S105 - printed on purpose, demo only


@dataclass(frozen=True)
class DemoLogin:
    """A demo account to print: its user and confirmed TOTP device."""

    tenant: Tenant
    user: User
    device: TOTPDevice
    persona: bool  # one of the named role logins (admin, leitung, sb1, ...)


@dataclass
class DemoContext:
    """Passed to every step. Steps add what later steps need (sections, organisations, ...)."""

    seed: int
    today: dt.date
    tenants: dict[str, Tenant] = field(default_factory=dict)
    sections: dict[tuple[str, str], Section] = field(default_factory=dict)
    organisations: dict[tuple[str, str], Organisation] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    _password_hash: str = field(default="", init=False, repr=False)

    def rng(self, *topic: str) -> random.Random:
        """A random stream for one topic, derived from the seed.

        Every topic has its own stream, so a step that draws more numbers (or a new step)
        does not change what the other steps generate for the same seed.
        """
        return random.Random(":".join([str(self.seed), *topic]))

    @property
    def password_hash(self) -> str:
        """The hash of the demo password, computed once (the real hashers are slow on purpose)."""
        if not self._password_hash:
            rng = self.rng("password-salt")
            salt = "".join(rng.choices(string.ascii_letters + string.digits, k=22))
            self._password_hash = make_password(DEMO_PASSWORD, salt)
        return self._password_hash

    def totp_key(self, tenant: Tenant, username: str) -> str:
        """20 secret bytes as hex, derived from seed, tenant and username."""
        return self.rng("totp", tenant.slug, username).randbytes(20).hex()

    def count(self, label: str, number: int) -> None:
        self.counts[label] = self.counts.get(label, 0) + number


def translate(instance: TranslatableContent, field_name: str, texts: Mapping[str, str]) -> None:
    """Set ``field_name`` in each language of ``texts`` (``"de"`` is the German source)."""
    for language, text in texts.items():
        setattr(instance, column(field_name, language), text)


def mark_translated_from(instance: TranslatableContent, *, language: str, field_name: str, source: str) -> None:
    """Record that ``language``'s text of ``field_name`` was made from an older German ``source``.

    The translation shows as outdated against the current German text.
    """
    current = getattr(instance, column(field_name, SOURCE_LANGUAGE))
    setattr(instance, column(field_name, SOURCE_LANGUAGE), source)
    translation_mark_current(instance=instance, language=language, fields=[field_name])
    setattr(instance, column(field_name, SOURCE_LANGUAGE), current)


def mark_translations_current(
    instance: TranslatableContent, *, except_fields: Mapping[str, Iterable[str]] | None = None
) -> None:
    """Record every present translation as made from the current German text.

    ``except_fields`` maps a language to fields whose recorded source is left alone (a
    translation made earlier, from an older German text, stays outdated).
    """
    for language in target_languages():
        skipped = set((except_fields or {}).get(language, ()))
        fields = [f for f in instance.translated_fields if f not in skipped]
        translation_mark_current(instance=instance, language=language, fields=fields)
