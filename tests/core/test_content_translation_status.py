"""Content exists in many languages: missing, outdated and current translations, German fallback."""

from __future__ import annotations

from django.utils import translation

from anlaufstelle.core.i18n import TranslationStatus, translation_mark_current
from anlaufstelle.core.models import Section
from anlaufstelle.core.services import content_translation_save

from ..conftest import Personas
from ..factories import SectionFactory


def test_a_text_without_translation_is_missing_and_shows_the_german_source() -> None:
    section = SectionFactory.build(name_de="Familie und Aufenthalt", name_en="")
    assert section.translation_status("en") is TranslationStatus.MISSING
    with translation.override("en"):
        assert section.name == "Familie und Aufenthalt"


def test_a_translation_made_from_the_current_source_is_current() -> None:
    section = SectionFactory.build(name_de="Familie und Aufenthalt", name_en="Family and residence")
    translation_mark_current(instance=section, language="en")
    assert section.translation_status("en") is TranslationStatus.CURRENT
    with translation.override("en"):
        assert section.name == "Family and residence"


def test_changing_the_german_source_makes_the_translation_outdated() -> None:
    section = SectionFactory.build(name_de="Familie und Aufenthalt", name_en="Family and residence")
    translation_mark_current(instance=section, language="en")
    section.name_de = "Familie, Aufenthalt und Niederlassung"
    assert section.translation_status("en") is TranslationStatus.OUTDATED


def test_a_language_is_only_current_when_every_field_is() -> None:
    section = SectionFactory.build(
        name_de="Familie", name_ar="الأسرة", description_de="Familiennachzug", description_ar=""
    )
    translation_mark_current(instance=section, language="ar")
    assert section.field_translation_status("name", "ar") is TranslationStatus.CURRENT
    assert section.translation_status("ar") is TranslationStatus.MISSING


def test_an_empty_german_source_needs_no_translation() -> None:
    section = SectionFactory.build(name_de="Familie", name_uk="Сім'я", description_de="")
    translation_mark_current(instance=section, language="uk")
    assert section.field_translation_status("description", "uk") is None
    assert section.translation_status("uk") is TranslationStatus.CURRENT


def test_the_coordinator_translates_in_the_staff_area_and_the_status_follows(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.coordinator)
    section = personas.section
    overview = client.get("/mitarbeit/inhalte/").content.decode()
    assert "translation-status--missing" in overview

    url = f"/mitarbeit/inhalte/section/{section.pk}/tr/"
    assert "Beschäftigung und Studium" in client.get(url).content.decode()  # the German source is shown
    response = client.post(url, {"name": "İstihdam ve Eğitim", "description": ""})
    assert response.status_code == 302
    section = Section.objects.get(pk=section.pk)
    assert section.name_tr == "İstihdam ve Eğitim"
    assert section.translation_status("tr") is TranslationStatus.CURRENT

    client.post(
        f"/mitarbeit/inhalte/section/{section.pk}/de/",
        {"name": "Beschäftigung, Studium und Forschung", "description": ""},
    )
    assert Section.objects.get(pk=section.pk).translation_status("tr") is TranslationStatus.OUTDATED


def test_saving_german_text_through_the_service_never_marks_it_translated(tenant) -> None:  # type: ignore[no-untyped-def]
    section = SectionFactory(name_de="Familie")
    content_translation_save(instance=section, language="de", values={"name": "Familie und Aufenthalt"})
    assert section.translation_sources == {}
