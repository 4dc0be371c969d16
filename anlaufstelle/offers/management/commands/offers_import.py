"""``manage.py offers_import <file> --tenant <slug> [--apply]``: import offers from an HSDS export
(zip of the JSON files, or services.json) or a CSV file (columns: see ``offers/services/importing.py``).
Without ``--apply`` it is a dry run that only reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from anlaufstelle.core.models import Role, Tenant, User
from anlaufstelle.core.tenancy import all_tenants, tenant_context

from ...services.importing import ImportError_, offers_import, read_hsds, read_upload


class Command(BaseCommand):
    help = "Imports offers from an HSDS export or a CSV file; a dry run unless --apply is given."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="a .csv, .zip or .json file, or a directory of HSDS JSON files")
        parser.add_argument("--tenant", default=settings.ANLAUFSTELLE_DEFAULT_TENANT or "")
        parser.add_argument("--user", required=True, help="the coordinator the import is recorded for")
        parser.add_argument("--apply", action="store_true", help="import for real (default: dry run)")

    def handle(self, *args: Any, **options: Any) -> None:
        with all_tenants():
            tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant {options['tenant']!r} (use --tenant).")
        path: Path = options["path"]
        with tenant_context(tenant):
            editor = User.objects.filter(
                username=options["user"], role__in=[Role.COORDINATOR, Role.ADMINISTRATOR]
            ).first()
            if editor is None:
                raise CommandError(f"No coordinator or administrator {options['user']!r}.")
            try:
                if path.is_dir():
                    records = read_hsds({file.name: file.read_bytes() for file in path.glob("*.json")})
                else:
                    records = read_upload(path.name, path.read_bytes())
            except (ImportError_, OSError) as error:
                raise CommandError(str(error)) from error
            report = offers_import(records=records, editor=editor, dry_run=not options["apply"])
        for where, message in report.errors:
            self.stderr.write(f"{where}: {message}")
        if not report.ok:
            raise CommandError(f"{len(report.errors)} errors, nothing imported.")
        for row in report.rows:
            fields = f" ({', '.join(row.fields)})" if row.fields else ""
            self.stdout.write(f"{row.line}: {row.name}: {row.outcome}{fields}")
        verb = "would be" if report.dry_run else "were"
        self.stdout.write(
            f"{report.count('created')} created, {report.count('changed')} changed, "
            f"{report.count('unchanged')} unchanged {verb} imported."
        )
