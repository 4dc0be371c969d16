"""The capacity plan page: who may see it, what it shows, and what it says about wrong input."""

import datetime as dt

import pytest

from .planning_office import PER_DAY, history, small_office

URL = "/mitarbeit/steuerung/planung/"


@pytest.fixture
def office(personas):  # type: ignore[no-untyped-def]
    office = small_office()
    today = dt.date.today()
    history(office, per_day=PER_DAY, weeks=10, today=today - dt.timedelta(days=today.weekday()))
    return office


def test_the_lead_sees_forecast_lead_time_and_backtest_as_charts_with_tables(personas, client_for, office) -> None:
    response = client_for(personas.lead).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<script" not in main
    for chart in ("chart-plan-lead", "chart-plan-hours", "chart-plan-service-demand", "chart-plan-backtest"):
        assert f'aria-labelledby="{chart}"' in main
        assert f'id="{chart}"' in main  # the caption that labels it
    assert main.count('role="img"') == 5
    assert "Zahlen als Tabelle" in main
    assert f"Im Detail: {office.service.name}" in main
    assert "Rückblick: Wie gut war die Prognose?" in main
    assert "planning-card__scenario" not in main  # no scenario asked for: no second figure on the cards


def test_a_scenario_is_shown_beside_todays_plan(personas, client_for, office) -> None:
    query = f"?staff_section={office.section.pk}&staff_fte=1&demand_percent=20&service={office.service.pk}"
    html = client_for(personas.lead).get(URL + query).content.decode()
    assert "planning-card__scenario" in html
    assert "Mittel im Szenario" in html
    assert f"service={office.service.pk}" in html  # the links to a service keep the scenario


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?staff_fte=1", "Bitte wählen Sie das Sachgebiet, dessen Personal sich ändert."),
        ("?closure_first=2026-08-03", "Bitte geben Sie Beginn und Ende der Schließung an."),
        ("?closure_first=2026-08-07&closure_last=2026-08-03", "Die Schließung muss vor ihrem Ende beginnen."),
        ("?closure_first=2020-08-03&closure_last=2020-08-07", "Die Schließung liegt außerhalb der Planungswochen"),
        ("?demand_percent=500", "Dieser Wert muss kleiner oder gleich 300 sein."),
        ("?demand_percent=zwanzig", "Bitte eine ganze Zahl eingeben."),
    ],
)
def test_wrong_input_is_refused_with_a_clear_message(personas, client_for, office, query: str, message: str) -> None:
    response = client_for(personas.lead).get(URL + query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_weekly_figures_download_as_csv(personas, client_for, office) -> None:
    response = client_for(personas.lead).get(URL + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Sachgebiet;Anliegen;Woche ab;neue Anfragen mit Termin")
    assert len(lines) == 1 + 12  # one service, twelve weeks


@pytest.mark.parametrize("persona", ["caseworker", "frontdesk", "coordinator", "statistician"])
def test_other_staff_may_not_see_the_plan(personas, client_for, persona: str) -> None:
    assert client_for(getattr(personas, persona)).get(URL).status_code == 403


def test_the_dashboard_links_to_the_plan(personas, client_for) -> None:
    assert f'href="{URL}"' in client_for(personas.lead).get("/mitarbeit/steuerung/").content.decode()
