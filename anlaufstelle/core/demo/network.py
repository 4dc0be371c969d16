"""Demo step: the organisations of Musterstadt's local network."""

from __future__ import annotations

from ..models import Organisation
from ..tenancy import tenant_context
from .context import DemoContext
from .data.network import ORGANISATIONS
from .tenants import MUSTERSTADT


def load_organisations(ctx: DemoContext) -> None:
    """Counselling services, job centre, chambers, university, associations, migrant groups."""
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("organisations")
    with tenant_context(tenant):
        organisations = [
            Organisation(
                tenant=tenant,
                name=name,
                kind=kind,
                email=f"info@{domain}",
                phone=f"+49 2300 {rng.randint(100, 989)}{rng.randint(10, 99)}-0",
                website=f"https://www.{domain}",
            )
            for _key, name, kind, domain in ORGANISATIONS
        ]
        Organisation.objects.bulk_create(organisations)
    for (key, *_rest), organisation in zip(ORGANISATIONS, organisations, strict=True):
        ctx.organisations[(MUSTERSTADT, key)] = organisation
    ctx.count("Organisationen", len(organisations))
