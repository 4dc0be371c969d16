"""The leads' dashboard: figures with trend, charts with tables, thresholds, exports, comparison."""

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from ..factories import LeadTimeSnapshotFactory, ThresholdFactory
from .helpers import berlin, booking

QUERY = "?first=2026-03-02&last=2026-03-08"


def _data() -> None:
    snap = LeadTimeSnapshotFactory(day=dt.date(2026, 3, 8), lead_days=35)
    LeadTimeSnapshotFactory(day=dt.date(2026, 3, 7), lead_days=30, service=snap.service, location=snap.location)
    booking(created=berlin(dt.date(2026, 3, 3), 9), starts=berlin(dt.date(2026, 3, 5), 9), status="attended")
    booking(created=berlin(dt.date(2026, 2, 25), 9), starts=berlin(dt.date(2026, 2, 27), 9), status="no_show")


def test_the_dashboard_shows_figures_with_their_previous_period_and_charts_with_tables(personas, client_for) -> None:
    _data()
    response = client_for(personas.lead).get("/mitarbeit/steuerung/" + QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Terminvorlauf, längstes Anliegen" in html
    assert "23.02.2026 bis 01.03.2026" in html or "23.2.2026" in html  # the previous week
    assert html.count('role="img"') == 2  # lead time and bookings; no queue or feedback data
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'aria-labelledby="chart-lead-time"' in html


def test_a_figure_beyond_its_threshold_is_marked(personas, client_for) -> None:
    _data()
    ThresholdFactory(kpi="lead_time_current_max", limit=Decimal("28"))
    html = client_for(personas.lead).get("/mitarbeit/steuerung/" + QUERY).content.decode()
    assert "controlling-card--breached" in html
    assert "Schwellenwert überschritten" in html


def test_tables_export_as_csv_and_xlsx(personas, client_for) -> None:
    _data()
    client = client_for(personas.lead)
    csv = client.get("/mitarbeit/steuerung/export/" + QUERY + "&table=figures&format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "Buchungen;;1.0;1.0;bookings" in text  # one made in each week
    xlsx = client.get("/mitarbeit/steuerung/export/" + QUERY + "&table=lead_time_by_day&format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[2]][1:] == [30, 30]
    assert client.get("/mitarbeit/steuerung/export/?table=nonsense").status_code == 400


def test_the_comparison_states_what_improved_and_what_worsened(personas, client_for) -> None:
    _data()
    client = client_for(personas.lead)
    query = "?before_first=2026-02-23&before_last=2026-03-01&first=2026-03-02&last=2026-03-08"
    html = client.get("/mitarbeit/steuerung/vergleich/" + query).content.decode()
    assert "Nicht erschienen ist von 100,0 auf 0,0 % gesunken – eine Verbesserung." in html
    csv = client.get("/mitarbeit/steuerung/vergleich/" + query + "&format=csv").content.decode("utf-8-sig")
    assert "Nicht erschienen;%;100,0;0,0;-100,0 (-100 %);besser" in csv


def test_a_period_that_ends_before_it_begins_is_refused(personas, client_for) -> None:
    response = client_for(personas.lead).get("/mitarbeit/steuerung/?first=2026-03-08&last=2026-03-01")
    assert response.status_code == 400
    assert "Der Zeitraum muss vor seinem Ende beginnen." in response.content.decode()
