"""The what-if form of the capacity plan (GET, so a scenario is a link that can be shared)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from anlaufstelle.appointments.models import Location, Service
from anlaufstelle.core.models import Section

from .scenario import Closure, Scenario, StaffChange

MOST_FTE = Decimal(50)
DEMAND_PERCENT = (-90, 300)


def _date(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _section(label: Any, empty: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(Section.objects.none(), label=label, required=False, empty_label=empty)


@dataclass
class FieldGroup:
    """A fieldset of the form, shaped like a form for ``includes/form_fields.html``."""

    legend: Any
    fields: list[forms.BoundField]

    def visible_fields(self) -> list[forms.BoundField]:
        return self.fields

    def hidden_fields(self) -> list[forms.BoundField]:
        return []

    def non_field_errors(self) -> list[str]:
        return []


class PlanningForm(forms.Form):
    """Staff change, closure and demand change; all empty is today's plan."""

    staff_section = _section(_("Sachgebiet"), _("keine Änderung"))
    staff_fte = forms.DecimalField(
        label=_("Vollzeitstellen mehr (+) oder weniger (−)"),
        required=False,
        min_value=-MOST_FTE,
        max_value=MOST_FTE,
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.05"}),
        help_text=_("Zum Beispiel 1 für eine zusätzliche Sachbearbeiterin, −0,5 für eine halbe Stelle weniger."),
    )
    staff_first = _date(_("ab"), _("Leer: ab heute."))
    staff_last = _date(_("bis"), _("Leer: auf Dauer."))
    closure_first = _date(_("geschlossen von"))
    closure_last = _date(_("geschlossen bis"))
    closure_section = _section(_("Sachgebiet"), _("alle Sachgebiete"))
    closure_location = forms.ModelChoiceField(
        Location.objects.none(), label=_("Standort"), required=False, empty_label=_("alle Standorte")
    )
    demand_percent = forms.IntegerField(
        label=_("Nachfrage ändern um (Prozent)"),
        required=False,
        min_value=DEMAND_PERCENT[0],
        max_value=DEMAND_PERCENT[1],
        help_text=_("Zum Beispiel 20 für ein Fünftel mehr, −10 für ein Zehntel weniger neue Anfragen."),
    )
    demand_section = _section(_("Sachgebiet"), _("alle Sachgebiete"))
    service = forms.ModelChoiceField(
        Service.objects.none(),
        label=_("Anliegen im Detail"),
        required=False,
        empty_label=_("das Anliegen mit dem längsten Vorlauf"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("staff_section", "closure_section", "demand_section"):
            self.fields[name].queryset = Section.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["closure_location"].queryset = Location.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["service"].queryset = Service.objects.filter(is_active=True).order_by("section__code", "pk")  # type: ignore[attr-defined]

    def groups(self) -> list[FieldGroup]:
        def group(legend: Any, *names: str) -> FieldGroup:
            return FieldGroup(legend=legend, fields=[self[name] for name in names])

        return [
            group(_("Personal"), "staff_section", "staff_fte", "staff_first", "staff_last"),
            group(_("Schließung"), "closure_first", "closure_last", "closure_section", "closure_location"),
            group(_("Nachfrage"), "demand_percent", "demand_section"),
            group(_("Anzeige"), "service"),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        fte, section = data.get("staff_fte"), data.get("staff_section")
        if fte and section is None:
            self.add_error("staff_section", _("Bitte wählen Sie das Sachgebiet, dessen Personal sich ändert."))
        if section is not None and not fte:
            self.add_error("staff_fte", _("Bitte geben Sie an, wie viele Vollzeitstellen hinzukommen oder wegfallen."))
        self._order("staff_first", "staff_last", _("Die Personaländerung muss vor ihrem Ende beginnen."))
        closure = [data.get(name) for name in ("closure_first", "closure_last", "closure_section", "closure_location")]
        if any(value is not None for value in closure):
            for name in ("closure_first", "closure_last"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Bitte geben Sie Beginn und Ende der Schließung an."))
        self._order("closure_first", "closure_last", _("Die Schließung muss vor ihrem Ende beginnen."))
        if data.get("demand_section") is not None and not data.get("demand_percent"):
            self.add_error("demand_percent", _("Bitte geben Sie an, um wie viel Prozent sich die Nachfrage ändert."))
        return data

    def _order(self, first: str, last: str, message: Any) -> None:
        data = self.cleaned_data
        if data.get(first) and data.get(last) and data[first] > data[last]:
            self.add_error(last, message)

    def scenario(self) -> Scenario:
        data = self.cleaned_data
        staff = None
        if data.get("staff_section") is not None and data.get("staff_fte"):
            staff = StaffChange(
                section_id=data["staff_section"].pk,
                fte=float(data["staff_fte"]),
                first=data.get("staff_first"),
                last=data.get("staff_last"),
            )
        closure = None
        if data.get("closure_first") and data.get("closure_last"):
            closure = Closure(
                first=data["closure_first"],
                last=data["closure_last"],
                section_id=data["closure_section"].pk if data.get("closure_section") else None,
                location_id=data["closure_location"].pk if data.get("closure_location") else None,
            )
        demand_section = data.get("demand_section")
        return Scenario(
            staff=staff,
            closure=closure,
            demand_percent=float(data.get("demand_percent") or 0),
            demand_section_id=demand_section.pk if demand_section is not None else None,
        )
