"""Which text fields of appointments exist in every interface language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Location, Service


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = Location.translated_fields


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = Service.translated_fields
