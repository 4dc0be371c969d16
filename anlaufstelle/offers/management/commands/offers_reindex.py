"""``manage.py offers_reindex``: rebuild the search index of the directory for every tenant."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from anlaufstelle.core.models import Tenant
from anlaufstelle.core.tenancy import all_tenants, tenant_context

from ...services import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuilds the search index of the offers directory (after an upgrade of the index tables)."

    def handle(self, *args: Any, **options: Any) -> None:
        with all_tenants():
            tenants = list(Tenant.objects.all())
        for tenant in tenants:
            with tenant_context(tenant), transaction.atomic():
                count = search_index_rebuild()
            self.stdout.write(f"{tenant.slug}: {count} offers indexed")
