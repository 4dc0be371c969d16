"""Write side of the directory. Services are keyword-only functions that own their transaction."""

from .index import search_index_rebuild, search_index_update
from .offers import (
    OfferEditError,
    OfferSaved,
    offer_change_decide,
    offer_mark_checked,
    offer_publish,
    offer_save,
    offer_values,
    offers_remind_unchecked,
)

__all__ = [
    "OfferEditError",
    "OfferSaved",
    "offer_change_decide",
    "offer_mark_checked",
    "offer_publish",
    "offer_save",
    "offer_values",
    "offers_remind_unchecked",
    "search_index_rebuild",
    "search_index_update",
]
