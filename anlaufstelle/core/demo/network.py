"""Demo step: the organisations of Musterstadt's local network."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from ..models import Organisation
from ..tenancy import tenant_context
from .context import DemoContext
from .data.network import ORGANISATIONS
from .tenants import MUSTERSTADT


def load_organisations(ctx: DemoContext) -> None:
    """Counselling services, job centre, chambers, university, associations, migrant groups."""
    tenant = ctx.tenants[MUSTERSTADT]
    with tenant_context(tenant):
        organisations_create(ctx, tenant, ctx.rng("organisations"), ORGANISATIONS)


def organisations_create(
    ctx: DemoContext, tenant: Any, rng: random.Random, rows: Sequence[tuple[str, str, str, str]]
) -> list[Organisation]:
    """Organisations of ``rows`` (key, name, kind, web domain) with an office address and number,
    remembered in ``ctx`` by their key."""
    organisations = [
        Organisation(
            tenant=tenant,
            name=name,
            kind=kind,
            email=f"info@{domain}",
            phone=f"+49 2300 {rng.randint(100, 989)}{rng.randint(10, 99)}-0",
            website=f"https://www.{domain}",
        )
        for _key, name, kind, domain in rows
    ]
    Organisation.objects.bulk_create(organisations)
    for (key, *_rest), organisation in zip(rows, organisations, strict=True):
        ctx.organisations[(MUSTERSTADT, key)] = organisation
    ctx.count("Organisationen", len(organisations))
    return organisations
