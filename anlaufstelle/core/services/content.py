"""Editing translated content of the tenant (start page texts, section names, hours)."""

from __future__ import annotations

from django.db import transaction

from ..i18n import SOURCE_LANGUAGE, TranslatableContent, column, translation_mark_current


def content_translation_save(
    *, instance: TranslatableContent, language: str, values: dict[str, str]
) -> TranslatableContent:
    """Store ``values`` (field -> text) in ``language``; a translation is marked current.

    Saving German text changes the source: its translations become outdated by themselves.
    """
    unknown = set(values) - set(instance.translated_fields)
    if unknown:
        raise ValueError(f"Not translated fields of {type(instance).__name__}: {sorted(unknown)}")
    with transaction.atomic():
        for field, text in values.items():
            setattr(instance, column(field, language), text.strip())
        if language != SOURCE_LANGUAGE:
            translation_mark_current(instance=instance, language=language, fields=values.keys())
        instance.save()
    return instance
