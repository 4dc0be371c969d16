"""Translated text fields of core models (columns per language via django-modeltranslation)."""

from .i18n import register_translatable
from .models import OpeningHours, Section, Tenant

register_translatable(Tenant, Section, OpeningHours)
