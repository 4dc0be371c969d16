"""Filters of the dashboard and the comparison; the month of a report; the public feedback form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from anlaufstelle.appointments.models import Location, Service
from anlaufstelle.core.models import Section

from .kpis import BERLIN, Scope
from .models import FeedbackResponse
from .reports import month_before, month_of

DEFAULT_DAYS = 28
LONGEST_PERIOD_DAYS = 3 * 366


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ScopeForm(forms.Form):
    """Period and filters; an empty period means the last four weeks up to today."""

    first = _date(_("von"))
    last = _date(_("bis"))
    section = forms.ModelChoiceField(
        Section.objects.none(), label=_("Sachgebiet"), required=False, empty_label=_("alle")
    )
    service = forms.ModelChoiceField(Service.objects.none(), label=_("Anliegen"), required=False, empty_label=_("alle"))
    location = forms.ModelChoiceField(
        Location.objects.none(), label=_("Standort"), required=False, empty_label=_("alle")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["service"].queryset = Service.objects.order_by("section__code", "name")  # type: ignore[attr-defined]
        self.fields["location"].queryset = Location.objects.order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.now().astimezone(BERLIN).date()
        last = data.get("last") or today
        first = data.get("first") or last - dt.timedelta(days=DEFAULT_DAYS - 1)
        if first > last:
            raise forms.ValidationError(_("Der Zeitraum muss vor seinem Ende beginnen."))
        if (last - first).days > LONGEST_PERIOD_DAYS:
            raise forms.ValidationError(_("Bitte wählen Sie höchstens drei Jahre."))
        data["first"], data["last"] = first, last
        return data

    def scope(self) -> Scope:
        data = self.cleaned_data
        return Scope(
            data["first"],
            data["last"],
            section_id=data["section"].pk if data.get("section") else None,
            service_id=data["service"].pk if data.get("service") else None,
            location_id=data["location"].pk if data.get("location") else None,
        )


class ComparisonForm(ScopeForm):
    """Two periods: the first (before) and the second (after), with the same filters."""

    before_first = _date(_("erster Zeitraum von"))
    before_last = _date(_("erster Zeitraum bis"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        length = data["last"] - data["first"]
        before_last = data.get("before_last") or data["first"] - dt.timedelta(days=1)
        before_first = data.get("before_first") or before_last - length
        if before_first > before_last:
            raise forms.ValidationError(_("Der Zeitraum muss vor seinem Ende beginnen."))
        data["before_first"], data["before_last"] = before_first, before_last
        return data

    def before(self) -> Scope:
        return self.scope().with_period(self.cleaned_data["before_first"], self.cleaned_data["before_last"])


RATING_CHOICES = [
    ("1", _("1 – sehr unzufrieden")),
    ("2", _("2 – unzufrieden")),
    ("3", _("3 – teils, teils")),
    ("4", _("4 – zufrieden")),
    ("5", _("5 – sehr zufrieden")),
]


def _rating(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=RATING_CHOICES, coerce=int, empty_value=None, required=False, widget=forms.RadioSelect
    )


class FeedbackForm(forms.Form):
    waiting = _rating(_("Wie zufrieden waren Sie mit der Wartezeit?"))
    friendliness = _rating(_("Wie freundlich wurden Sie behandelt?"))
    clarity = _rating(_("Wie gut haben Sie alles verstanden?"))
    result = _rating(_("Wie zufrieden sind Sie mit dem Ergebnis?"))
    comment = forms.CharField(
        label=_("Möchten Sie uns noch etwas sagen? (freiwillig)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bitte schreiben Sie keine Namen oder andere persönliche Angaben."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(data.get(question) is None for question in FeedbackResponse.QUESTIONS):
            raise forms.ValidationError(_("Bitte beantworten Sie mindestens eine Frage."))
        return data

    def ratings(self) -> dict[str, int | None]:
        return {question: self.cleaned_data.get(question) for question in FeedbackResponse.QUESTIONS}


REPORT_MONTHS = 24  # how far back a lead may ask for a monthly report


class ReportMonthForm(forms.Form):
    """The month a lead wants a report of: this month (so far) or one of the two years before."""

    month = forms.TypedChoiceField(label=_("Monat"), coerce=dt.date.fromisoformat)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        month = month_of(timezone.now())
        months = []
        for _step in range(REPORT_MONTHS + 1):
            months.append(month)
            month = month_before(month)
        field = self.fields["month"]
        field.choices = [(m.isoformat(), date_format(m, "F Y")) for m in months]  # type: ignore[attr-defined]
        field.initial = months[1].isoformat()  # the month just ended
