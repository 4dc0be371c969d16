"""Demo step: the two tenants, with contact data and public texts in several languages."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ..i18n import column
from ..models import Tenant
from ..tenancy import all_tenants
from .context import DemoContext, mark_translated_from, mark_translations_current, translate
from .data import texts

MUSTERSTADT = "musterstadt"
BEISPIELHEIM = "beispielheim"
DEMO_TENANTS = (MUSTERSTADT, BEISPIELHEIM)


def _upsert(slug: str, values: dict[str, Any]) -> Tenant:
    """The tenant row is kept across loads (its audit log stays attached); fields are reset."""
    tenant = Tenant.objects.filter(slug=slug).first() or Tenant(slug=slug)
    for field in Tenant.translated_fields:
        for language, _name in settings.LANGUAGES:
            setattr(tenant, column(field, language), "")
    tenant.translation_sources = {}
    for name, value in values.items():
        setattr(tenant, name, value)
    return tenant


def load_tenants(ctx: DemoContext) -> None:
    """Musterstadt (the full demo city) and Beispielheim (a small second tenant)."""
    with all_tenants():
        musterstadt = _upsert(
            MUSTERSTADT,
            {
                "authority_name": "Ausländerbehörde Musterstadt",
                "hostnames": "musterstadt.localhost\n127.0.0.1\nlocalhost",
                "federal_state": "NW",
                "logo": texts.MUSTERSTADT_LOGO,
                "street": "Rathausplatz 3",
                "postcode": "45500",
                "city": "Musterstadt",
                "phone": "+49 2300 4711-0",
                "email": "auslaenderbehoerde@musterstadt.example",
                "website": "https://www.musterstadt.example/auslaenderbehoerde",
                "is_active": True,
            },
        )
        translate(musterstadt, "name", texts.MUSTERSTADT_NAME)
        translate(musterstadt, "intro", texts.MUSTERSTADT_INTRO)
        translate(musterstadt, "imprint", texts.MUSTERSTADT_IMPRINT)
        translate(musterstadt, "privacy", texts.MUSTERSTADT_PRIVACY)
        translate(musterstadt, "how_to_reach", texts.MUSTERSTADT_HOW_TO_REACH)
        # The Russian directions were translated before the German text last changed.
        mark_translated_from(
            musterstadt, language="ru", field_name="how_to_reach", source=texts.HOW_TO_REACH_DE_PREVIOUS
        )
        mark_translations_current(musterstadt, except_fields={"ru": ["how_to_reach"]})
        musterstadt.save()

        beispielheim = _upsert(
            BEISPIELHEIM,
            {
                "authority_name": "Ausländerbehörde Beispielheim",
                "hostnames": "beispielheim.localhost",
                "federal_state": "NW",
                "logo": "",
                "street": "Marktstraße 1",
                "postcode": "59900",
                "city": "Beispielheim",
                "phone": "+49 2900 815-0",
                "email": "auslaenderbehoerde@beispielheim.example",
                "website": "https://www.beispielheim.example",
                "is_active": True,
            },
        )
        translate(beispielheim, "name", {"de": "Beispielheim"})
        translate(beispielheim, "intro", texts.BEISPIELHEIM_INTRO)
        translate(beispielheim, "how_to_reach", texts.BEISPIELHEIM_HOW_TO_REACH)
        translate(beispielheim, "imprint", texts.BEISPIELHEIM_IMPRINT)
        beispielheim.save()

    ctx.tenants[MUSTERSTADT] = musterstadt
    ctx.tenants[BEISPIELHEIM] = beispielheim
    ctx.count("Mandanten", 2)
