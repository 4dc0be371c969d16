"""Which text fields of core models exist in every interface language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import OpeningHours, Section, Tenant


@register(Tenant)
class TenantTranslation(TranslationOptions):
    fields = Tenant.translated_fields


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = Section.translated_fields


@register(OpeningHours)
class OpeningHoursTranslation(TranslationOptions):
    fields = OpeningHours.translated_fields
