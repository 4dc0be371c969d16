"""The offers directory: topics, life situations, places with hours, offers and their details."""

from .offers import Offer, OfferChange, OfferContact, OfferDate, OfferLanguage, OfferLink, OfferPlace
from .places import Place, PlaceHours, PlaceHoursException
from .taxonomy import LifeSituation, Topic

__all__ = [
    "LifeSituation",
    "Offer",
    "OfferChange",
    "OfferContact",
    "OfferDate",
    "OfferLanguage",
    "OfferLink",
    "OfferPlace",
    "Place",
    "PlaceHours",
    "PlaceHoursException",
    "Topic",
]
