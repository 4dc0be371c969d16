"""``manage.py offers_export_hsds <directory>``: the published directory as HSDS 3.0 JSON files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from anlaufstelle.core.models import Tenant
from anlaufstelle.core.tenancy import all_tenants, tenant_context

from ...hsds import export_files
from ...selectors import offers_public


class Command(BaseCommand):
    help = "Writes the published offers of a tenant as Open Referral HSDS 3.0 JSON files (one per table)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--tenant", default=settings.ANLAUFSTELLE_DEFAULT_TENANT or "", help="tenant slug")
        parser.add_argument(
            "--language", default=settings.LANGUAGE_CODE, help="language of the texts (German where one is missing)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with all_tenants():
            tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant {options['tenant']!r} (use --tenant).")
        if options["language"] not in dict(settings.LANGUAGES):
            raise CommandError(f"Unknown language {options['language']!r}.")
        directory: Path = options["directory"]
        directory.mkdir(parents=True, exist_ok=True)
        with tenant_context(tenant), translation.override(options["language"]):
            files = export_files(offers_public())
        for name, content in files.items():
            (directory / name).write_bytes(content)
        self.stdout.write(f"{len(files)} files written to {directory}")
