"""Template helpers of the directory."""

from __future__ import annotations

from django import template

from ..forms import OFFER_LANGUAGES

register = template.Library()
_NAMES = dict(OFFER_LANGUAGES)


@register.filter
def language_name(code: str) -> str:
    """The name of a language an offer is delivered in, in the page's language (else the code)."""
    return str(_NAMES.get(code, code))
