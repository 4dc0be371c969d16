"""The demo loader: resets the demo tenants and runs the loader steps in one transaction.

Later capabilities add their demo data by appending a :class:`DemoStep` to :data:`STEPS`
(after the steps whose results they read from the :class:`DemoContext`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from graphlib import TopologicalSorter

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone, translation

from ..i18n import SOURCE_LANGUAGE
from ..models import AuditEntry, Tenant
from ..tenancy import TenantOwned, all_tenants, tenant_context
from .appointments import load_appointment_calendar, load_appointment_capacity, load_appointment_history
from .context import DemoContext
from .controlling import load_controlling_history
from .districts import load_districts
from .frontdesk import load_frontdesk_day
from .frontdesk_history import load_frontdesk_history
from .network import load_organisations
from .offers import load_offers
from .office import load_opening_hours, load_sections
from .people import load_persons
from .staff import load_beispielheim_staff, load_musterstadt_staff
from .tenants import DEMO_TENANTS, load_tenants


@dataclass(frozen=True)
class DemoStep:
    label: str
    run: Callable[[DemoContext], None]


STEPS: list[DemoStep] = [
    DemoStep("Mandanten", load_tenants),
    DemoStep("Sachgebiete", load_sections),
    DemoStep("Öffnungszeiten", load_opening_hours),
    DemoStep("Organisationen", load_organisations),
    DemoStep("Personal und Planstellen Musterstadt", load_musterstadt_staff),
    DemoStep("Personal Beispielheim", load_beispielheim_staff),
    DemoStep("Stadtteile", load_districts),
    DemoStep("Personen", load_persons),
    DemoStep("Terminangebot", load_appointment_capacity),
    DemoStep("Terminhistorie", load_appointment_history),
    DemoStep("Terminkalender", load_appointment_calendar),
    DemoStep("Empfang heute", load_frontdesk_day),
    DemoStep("Empfang bis gestern", load_frontdesk_history),
    DemoStep("Steuerung", load_controlling_history),
    DemoStep("Wegweiser", load_offers),
]

# Kept when the demo tenants are reset: the audit log is append-only by design.
KEPT_ON_RESET: set[type[models.Model]] = {AuditEntry}


def tenant_owned_models_in_deletion_order() -> list[type[models.Model]]:
    """Every tenant-owned model, those that point to others first (protected keys allow it)."""
    owned = [model for model in apps.get_models() if issubclass(model, TenantOwned) and model not in KEPT_ON_RESET]
    graph: dict[type[models.Model], set[type[models.Model]]] = {model: set() for model in owned}
    for model in owned:
        for model_field in model._meta.concrete_fields:
            target = model_field.related_model
            if isinstance(target, type) and target in graph and target is not model:
                graph[target].add(model)  # delete ``model`` before ``target``
    return list(TopologicalSorter(graph).static_order())


def demo_reset() -> None:
    """Delete what the demo tenants own (except their audit log); the tenant rows stay."""
    with all_tenants():
        tenants = list(Tenant.objects.filter(slug__in=DEMO_TENANTS))
    order = tenant_owned_models_in_deletion_order()
    for tenant in tenants:
        with tenant_context(tenant):
            for model in order:
                model._default_manager.all().delete()


def demo_load(*, seed: int, today: dt.date | None = None, steps: Sequence[DemoStep] = STEPS) -> DemoContext:
    """Replace the demo tenants' data by the city generated from ``seed``, all or nothing."""
    ctx = DemoContext(seed=seed, today=today or timezone.localdate())
    with transaction.atomic(), translation.override(SOURCE_LANGUAGE):
        demo_reset()
        for step in steps:
            step.run(ctx)
    return ctx
