"""Translated text fields of offers (columns per language via django-modeltranslation)."""

from anlaufstelle.core.i18n import register_translatable

from .models import LifeSituation, Offer, OfferContact, OfferLink, OfferPlace, Place, PlaceHoursException, Topic

register_translatable(Topic, LifeSituation, Place, PlaceHoursException, Offer, OfferContact, OfferLink, OfferPlace)
