"""The monthly report: every KPI of a calendar month against the month before, with plain
statements, charts, breached thresholds and notes on the data, in German, as an HTML document
and as an A4 PDF made from it by WeasyPrint; archived once per tenant and month.

The task layer builds it (``tasks.generate_monthly_reports`` for the month just ended,
``tasks.generate_monthly_report`` when a lead asks for one); the staff pages only read it.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Length
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus

from anlaufstelle.core.models import AuditAction
from anlaufstelle.core.services import audit_record
from anlaufstelle.core.tenancy import require_tenant

from .charts import kpi_charts
from .kpis import BERLIN, Scope
from .models import FeedbackInvitation, MonthlyReport, Threshold
from .selectors import TABLE_COLUMNS, Dashboard, Figure, active_thresholds, dashboard, export_table
from .services import FEEDBACK_MAX_AGE

# The Latin subsets of KERN's Fira Sans that `build_assets` cuts (the report is German). They are
# embedded in the document, so the archived HTML and the PDF need nothing from outside.
FONT_FILES = {400: "fira-sans-400-latin.woff2", 600: "fira-sans-600-latin.woff2"}
FONT = "'Fira Sans', 'DejaVu Sans', Arial, sans-serif"
# Below this many answers in a month the satisfaction scores say little.
FEW_FEEDBACK_RESPONSES = 30


def month_scope(month: dt.date) -> Scope:
    """The calendar month that begins on ``month``."""
    if month.day != 1:
        raise ValueError("A report month is given by its first day.")
    return Scope(month, (month + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1))


def month_before(month: dt.date) -> dt.date:
    return (month - dt.timedelta(days=1)).replace(day=1)


def month_of(now: dt.datetime) -> dt.date:
    """The first day of the Berlin calendar month ``now`` falls in."""
    return now.astimezone(BERLIN).date().replace(day=1)


@dataclass(frozen=True)
class Breach:
    figure: Figure
    threshold: Threshold


def _font_faces() -> str:
    """``@font-face`` rules with the fonts as data URLs; empty (the system's sans-serif) when
    the fonts have not been built."""
    folder = Path(settings.VAR_DIR) / "build" / "fonts"
    rules = []
    for weight, name in FONT_FILES.items():
        path = folder / name
        if not path.exists():
            return ""
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        rules.append(
            "@font-face{font-family:'Fira Sans';font-style:normal;"
            f"font-weight:{weight};src:url(data:font/woff2;base64,{data}) format('woff2')}}"
        )
    return "\n".join(rules)


def _notes(board: Dashboard, *, month: Scope, now: dt.datetime) -> list[str]:
    """Plain notes on how complete the month's data is."""
    notes = []
    today = now.astimezone(BERLIN).date()
    if today <= month.last:
        notes.append(
            _("Der Monat war bei der Erstellung noch nicht abgeschlossen: die Zahlen reichen bis %(day)s.")
            % {"day": date_format(today, "d.m.Y")}
        )
    measured = len({row["day"] for row in board.current.tables["lead_time_by_day"]})
    if measured:
        notes.append(
            _("Der Terminvorlauf wurde an %(measured)s von %(days)s Tagen gemessen.")
            % {"measured": measured, "days": month.days}
        )
    else:
        notes.append(_("Für diesen Monat liegen keine Messungen des Terminvorlaufs vor."))
    tickets = int(board.figures["tickets"].value or 0)
    notes.append(
        ngettext(
            "Die Wartezeiten vor Ort beruhen auf %(count)s Wartemarke.",
            "Die Wartezeiten vor Ort beruhen auf %(count)s Wartemarken.",
            tickets,
        )
        % {"count": number_format(tickets, force_grouping=True)}
    )
    responses = int(board.figures["feedback_responses"].value or 0)
    notes.append(
        ngettext(
            "Zur Zufriedenheit liegt %(count)s Rückmeldung vor.",
            "Zur Zufriedenheit liegen %(count)s Rückmeldungen vor.",
            responses,
        )
        % {"count": number_format(responses, force_grouping=True)}
    )
    if 0 < responses < FEW_FEEDBACK_RESPONSES:
        notes.append(_("Bei so wenigen Rückmeldungen sind die Zufriedenheitswerte nur eingeschränkt aussagekräftig."))
    if (
        today <= month.last + FEEDBACK_MAX_AGE
        and FeedbackInvitation.objects.filter(day__range=(month.first, month.last), used=False).exists()
    ):
        notes.append(
            _(
                "Rückmeldungen zu Besuchen am Monatsende können noch eintreffen (die Links gelten "
                "%(days)s Tage); ein später neu erstellter Bericht enthält sie."
            )
            % {"days": FEEDBACK_MAX_AGE.days}
        )
    missing = [str(f.kpi.label) for f in board.figures.values() if f.value is None]
    if missing:
        notes.append(_("Ohne Wert in diesem Monat (keine Daten): %(kpis)s.") % {"kpis": "; ".join(missing)})
    no_comparison = [str(f.kpi.label) for f in board.figures.values() if f.value is not None and f.other is None]
    if no_comparison:
        notes.append(_("Ohne Vergleich, weil im Vormonat Daten fehlen: %(kpis)s.") % {"kpis": "; ".join(no_comparison)})
    notes.append(_("Wie jede Kennzahl berechnet wird, beschreibt die Dokumentation der Kennzahlen (docs/kpis.md)."))
    return notes


def _context(*, month: dt.date, now: dt.datetime) -> dict[str, Any]:
    scope, before = month_scope(month), month_scope(month_before(month))
    board = dashboard(scope=scope, previous=before, now=now)
    thresholds = active_thresholds(section_id=None)
    breaches = [
        Breach(figure=figure, threshold=threshold)
        for figure in board.figures.values()
        for threshold in thresholds.get(figure.kpi.key, [])
        if threshold.breached_by(figure.value)
    ]
    figures = list(board.figures.values())
    # the numbers behind the charts, for the appendix
    chart_tables = [
        export_table(result=board.current, previous=None, name=name)
        for name in TABLE_COLUMNS
        if name not in ("lead_time_by_service", "channels")
    ]
    return {
        "tenant": require_tenant(),
        "month": scope,
        "month_name": date_format(month, "F Y"),
        "before_name": date_format(before.first, "F Y"),
        "generated_at": now,
        "board": board,
        "statements": [figure.statement() for figure in board.headline],
        "better": [f for f in figures if f.verdict == "better"],
        "worse": [f for f in figures if f.verdict == "worse"],
        "breaches": breaches,
        "thresholds_set": bool(thresholds),
        "charts": kpi_charts(board.current, font=FONT),
        "by_service": export_table(result=board.current, previous=None, name="lead_time_by_service"),
        "channels": export_table(result=board.current, previous=None, name="channels"),
        "chart_tables": chart_tables,
        "notes": _notes(board, month=scope, now=now),
        "font_faces": _font_faces(),
    }


def monthly_report_html(*, month: dt.date, now: dt.datetime | None = None) -> str:
    """The report of ``month`` (its first day) as a self-contained HTML document, in German."""
    now = now or timezone.now()
    with translation.override("de"), timezone.override(BERLIN):
        return render_to_string("controlling/report_monthly.html", _context(month=month, now=now))


def report_pdf(html: str) -> bytes:
    """An A4 PDF of a report document; the document may load nothing but its own data URLs."""
    # Imported here: only the task worker renders PDFs, and WeasyPrint loads Pango on import.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    assert pdf is not None  # None only when writing to a target
    return pdf


def monthly_report_generate(*, month: dt.date, actor: Any = None, now: dt.datetime | None = None) -> MonthlyReport:
    """Build the report of ``month`` and archive it, replacing an earlier one (audited)."""
    now = now or timezone.now()
    html = monthly_report_html(month=month, now=now)
    pdf = report_pdf(html)  # rendered before the transaction: it takes a while
    with transaction.atomic():
        report, created = MonthlyReport.objects.update_or_create(
            month=month, defaults={"generated_at": now, "html": html, "pdf": pdf}
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.CHANGE,
            object_type=MonthlyReport._meta.label_lower,
            object_id=str(report.pk),
            details={"fields": ["html", "pdf"]},
        )
    return report


def monthly_report_generate_due(*, now: dt.datetime | None = None) -> int:
    """The report of the month just ended, if it is not archived yet; how many were made (0 or 1)."""
    now = now or timezone.now()
    month = month_before(month_of(now))
    if MonthlyReport.objects.filter(month=month).exists():
        return 0
    monthly_report_generate(month=month, now=now)
    return 1


def monthly_report_request(*, month: dt.date, actor: Any) -> TaskResultStatus:
    """Ask the task layer for the report of ``month`` now; the status it is in right after
    (``SUCCESSFUL`` where the backend runs tasks at once)."""
    from .tasks import generate_monthly_report

    month_scope(month)  # a developer's error (not a first day) fails here, not in the worker
    result = generate_monthly_report.enqueue(
        tenant_id=require_tenant().pk, month=month.isoformat(), actor_id=getattr(actor, "pk", None)
    )
    return result.status


# --- reads -----------------------------------------------------------------------------------


def monthly_reports_archived() -> QuerySet[MonthlyReport]:
    """The archived reports, newest month first, without their documents but with the PDF's size."""
    return MonthlyReport.objects.defer("html", "pdf").annotate(pdf_size=Length("pdf")).order_by("-month")


def monthly_report_archived(*, month: dt.date) -> MonthlyReport | None:
    return MonthlyReport.objects.filter(month=month).first()
