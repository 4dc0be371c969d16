"""Content in many languages: German is the source, every other language may translate it.

Translated columns come from django-modeltranslation (``name_de``, ``name_en``, ...; reading
``name`` gives the active language with fallback to German). On top of it this module
tracks the *status* of each translation: a translation records a fingerprint of the German
text it was made from, so a later change of the German source marks it outdated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SOURCE_LANGUAGE = "de"


class TranslationStatus(StrEnum):
    MISSING = "missing"
    OUTDATED = "outdated"
    CURRENT = "current"

    @property
    def label(self) -> str:
        return str({"missing": _("fehlt"), "outdated": _("veraltet"), "current": _("aktuell")}[self.value])


_SEVERITY = {TranslationStatus.CURRENT: 0, TranslationStatus.OUTDATED: 1, TranslationStatus.MISSING: 2}


def target_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def column(field: str, language: str) -> str:
    """The database column of ``field`` in ``language`` (``name``, ``de-simple`` -> ``name_de_simple``)."""
    return f"{field}_{language.replace('-', '_')}"


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.strip().encode()).hexdigest()[:16]


class TranslatableContent(models.Model):
    """Abstract base for models with translated text fields (listed in ``translated_fields``)."""

    translated_fields: tuple[str, ...] = ()
    translation_sources = models.JSONField(_("Übersetzungsquellen"), default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def field_translation_status(self, field: str, language: str) -> TranslationStatus | None:
        """Status of one field in one language; None where the German source is empty."""
        source = getattr(self, column(field, SOURCE_LANGUAGE)) or ""
        if not source.strip():
            return None
        translated = getattr(self, column(field, language)) or ""
        if not translated.strip():
            return TranslationStatus.MISSING
        recorded = self.translation_sources.get(language, {}).get(field)
        return TranslationStatus.CURRENT if recorded == _fingerprint(source) else TranslationStatus.OUTDATED

    def translation_status(self, language: str) -> TranslationStatus:
        """The worst status over all translated fields (a language is only current as a whole)."""
        statuses = [s for f in self.translated_fields if (s := self.field_translation_status(f, language))]
        if not statuses:
            return TranslationStatus.CURRENT
        return max(statuses, key=_SEVERITY.__getitem__)

    def translation_overview(self) -> dict[str, TranslationStatus]:
        return {language: self.translation_status(language) for language in target_languages()}


def register_translatable(*models: type[TranslatableContent]) -> None:
    """Give each model a column per language for every field in its ``translated_fields``.

    Called from an app's ``translation.py`` (which django-modeltranslation discovers), so the
    model's own list stays the only place that says what is translated.
    """
    from modeltranslation.translator import translator

    for model in models:
        translator.register(model, fields=model.translated_fields)


def translation_mark_current(
    *, instance: TranslatableContent, language: str, fields: Iterable[str] | None = None
) -> None:
    """Record that ``language``'s text of ``fields`` now translates the current German source.

    Does not save; the caller saves the instance within its own transaction.
    """
    if language == SOURCE_LANGUAGE:
        raise ValueError("German is the source language; it is never 'translated'.")
    sources: dict[str, Any] = dict(instance.translation_sources)
    language_sources = dict(sources.get(language, {}))
    for field in fields if fields is not None else instance.translated_fields:
        source = getattr(instance, column(field, SOURCE_LANGUAGE)) or ""
        if (getattr(instance, column(field, language)) or "").strip():
            language_sources[field] = _fingerprint(source)
        else:
            language_sources.pop(field, None)
    sources[language] = language_sources
    instance.translation_sources = sources


def translation_fields_changed(*, before: dict[str, Any], instance: TranslatableContent) -> dict[str, list[str]]:
    """Which translated fields changed per target language, given the values ``before``."""
    changed: dict[str, list[str]] = {}
    for language in target_languages():
        for field in instance.translated_fields:
            name = column(field, language)
            if (before.get(name) or "") != (getattr(instance, name) or ""):
                changed.setdefault(language, []).append(field)
    return changed
