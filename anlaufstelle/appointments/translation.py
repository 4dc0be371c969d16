"""Translated text fields of appointments (columns per language via django-modeltranslation)."""

from anlaufstelle.core.i18n import register_translatable

from .models import Location, Service

register_translatable(Location, Service)
