"""The catalogue of KPIs: key, German label, unit and which direction is better.

The precise definition of each figure is in ``docs/kpis.md`` and in the docstring of the
function that computes it; the keys here are what thresholds, exports and the comparison use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Better = Literal["up", "down", ""]


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str | Promise
    unit: str | Promise
    better: Better  # "up": higher is better, "down": lower is better, "": neither
    digits: int = 1
    group: str | Promise = ""


DAYS, MINUTES, HOURS, PERCENT, COUNT, FTE, SCORE = (
    _("Tage"),
    _("Minuten"),
    _("Stunden"),
    "%",
    "",
    _("VZÄ"),
    _("von 5"),
)
APPOINTMENTS, QUEUE, REACH, STAFF, SATISFACTION = (
    _("Termine"),
    _("Warten und Bedienen"),
    _("Erreichbarkeit"),
    _("Personal"),
    _("Zufriedenheit"),
)

CATALOGUE: tuple[Kpi, ...] = (
    Kpi(
        "lead_time_current_mean", _("Terminvorlauf, Mittel der Anliegen (letzter Stand)"), DAYS, "down", 1, APPOINTMENTS
    ),
    Kpi("lead_time_current_max", _("Terminvorlauf, längstes Anliegen (letzter Stand)"), DAYS, "down", 0, APPOINTMENTS),
    Kpi("lead_time_period_mean", _("Terminvorlauf, Mittel im Zeitraum"), DAYS, "down", 1, APPOINTMENTS),
    Kpi("lead_time_got_median", _("Erhaltener Vorlauf (Buchung bis Termin), Median"), DAYS, "down", 0, APPOINTMENTS),
    Kpi("lead_time_got_p90", _("Erhaltener Vorlauf, 90. Perzentil"), DAYS, "down", 0, APPOINTMENTS),
    Kpi("bookings", _("Buchungen"), COUNT, "", 0, APPOINTMENTS),
    Kpi("cancellations", _("Absagen"), COUNT, "down", 0, APPOINTMENTS),
    Kpi("appointments_held", _("Wahrzunehmende Termine"), COUNT, "", 0, APPOINTMENTS),
    Kpi("no_show_rate", _("Nicht erschienen"), PERCENT, "down", 1, APPOINTMENTS),
    Kpi("share_online", _("Anteil online gebucht"), PERCENT, "up", 1, APPOINTMENTS),
    Kpi("share_staff", _("Anteil durch Mitarbeitende gebucht"), PERCENT, "", 1, APPOINTMENTS),
    Kpi("share_requests", _("Anteil über Warteliste und Vergabe"), PERCENT, "", 1, APPOINTMENTS),
    Kpi("share_walk_in", _("Anteil ohne Termin (Wartemarke)"), PERCENT, "", 1, APPOINTMENTS),
    Kpi("emergency_appointments", _("Termine am Notfallschalter"), COUNT, "", 0, APPOINTMENTS),
    Kpi("waitlist_entries", _("Neue Wartelisteneinträge"), COUNT, "", 0, APPOINTMENTS),
    Kpi("waitlist_offer_median_days", _("Warteliste: Median bis zum Angebot"), DAYS, "down", 1, APPOINTMENTS),
    Kpi("allocation_pending", _("Offene Bedarfsanmeldungen am Ende des Zeitraums"), COUNT, "down", 0, APPOINTMENTS),
    Kpi("allocation_offer_median_days", _("Bedarfsanmeldung: Median bis zum Angebot"), DAYS, "down", 1, APPOINTMENTS),
    Kpi("tickets", _("Wartemarken"), COUNT, "", 0, QUEUE),
    Kpi("wait_median", _("Wartezeit vor Ort, Median"), MINUTES, "down", 0, QUEUE),
    Kpi("wait_p90", _("Wartezeit vor Ort, 90. Perzentil"), MINUTES, "down", 0, QUEUE),
    Kpi("service_median", _("Bedienzeit, Median"), MINUTES, "", 0, QUEUE),
    Kpi("service_p90", _("Bedienzeit, 90. Perzentil"), MINUTES, "", 0, QUEUE),
    Kpi("estimate_error", _("Abweichung der Wartezeit-Schätzung (mittlerer Betrag)"), MINUTES, "down", 1, QUEUE),
    Kpi("queue_no_show_rate", _("Aufgerufen, nicht erschienen"), PERCENT, "down", 1, QUEUE),
    Kpi("callbacks", _("Rückrufwünsche"), COUNT, "", 0, REACH),
    Kpi("callbacks_in_time", _("Rückruf innerhalb eines Arbeitstags"), PERCENT, "up", 1, REACH),
    Kpi("contact_answer_median", _("Antwortzeit Kontaktformular, Median"), HOURS, "down", 1, REACH),
    Kpi("contact_answer_p90", _("Antwortzeit Kontaktformular, 90. Perzentil"), HOURS, "down", 1, REACH),
    Kpi("contact_open", _("Unbeantwortete Kontaktanfragen am Ende des Zeitraums"), COUNT, "down", 0, REACH),
    Kpi("fte_budgeted", _("Planstellen"), FTE, "", 2, STAFF),
    Kpi("fte_filled", _("davon besetzt"), FTE, "up", 2, STAFF),
    Kpi("fte_vacant", _("davon unbesetzt"), FTE, "down", 2, STAFF),
    Kpi("absence_days", _("Geplante Abwesenheiten (Personentage)"), DAYS, "", 0, STAFF),
    Kpi("counter_hours", _("Verfügbare Schalterstunden"), HOURS, "up", 0, STAFF),
    Kpi("booked_hours", _("Gebuchte Stunden"), HOURS, "", 0, STAFF),
    Kpi("utilisation", _("Auslastung"), PERCENT, "", 1, STAFF),
    Kpi("feedback_responses", _("Rückmeldungen"), COUNT, "up", 0, SATISFACTION),
    Kpi("feedback_response_rate", _("Rücklaufquote (E-Mail)"), PERCENT, "up", 1, SATISFACTION),
    Kpi("feedback_overall", _("Zufriedenheit insgesamt"), SCORE, "up", 2, SATISFACTION),
    Kpi("feedback_waiting", _("Bewertung Wartezeit"), SCORE, "up", 2, SATISFACTION),
    Kpi("feedback_friendliness", _("Bewertung Freundlichkeit"), SCORE, "up", 2, SATISFACTION),
    Kpi("feedback_clarity", _("Bewertung Verständlichkeit"), SCORE, "up", 2, SATISFACTION),
    Kpi("feedback_result", _("Bewertung Ergebnis"), SCORE, "up", 2, SATISFACTION),
)
BY_KEY = {kpi.key: kpi for kpi in CATALOGUE}
HEADLINE = (
    "lead_time_current_max",
    "lead_time_got_median",
    "bookings",
    "no_show_rate",
    "share_online",
    "wait_median",
    "wait_p90",
    "callbacks_in_time",
    "fte_vacant",
    "utilisation",
    "feedback_overall",
    "feedback_response_rate",
)
