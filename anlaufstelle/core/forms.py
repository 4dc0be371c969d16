"""Forms of core. Labels and messages are translatable; German is the source language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import AuditAction, Person


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Benutzername"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Passwort"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Sicherheitscode aus der Authenticator-App"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Der Code besteht aus 6 Ziffern.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


class PersonForm(forms.ModelForm):
    preferred_language = forms.ChoiceField(label=_("bevorzugte Sprache"), choices=settings.LANGUAGES)

    class Meta:
        model = Person
        fields = ["given_names", "family_name", "date_of_birth", "email", "phone", "preferred_language"]
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Bitte geben Sie einen Grund für die Änderung an.")},
    )


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Benutzer*in"), required=False)
    person_id = forms.IntegerField(label=_("Person-ID"), required=False, min_value=1)
    action = forms.ChoiceField(label=_("Aktion"), required=False, choices=[("", _("alle")), *AuditAction.choices])
    object_type = forms.CharField(label=_("Objektart"), required=False)
    date_from = forms.DateField(label=_("von"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("bis"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("Das Startdatum liegt nach dem Enddatum."))
        return data


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, E-Mail oder Telefon"), required=False, max_length=100)


def content_translation_form(*, fields: tuple[str, ...], labels: dict[str, str]) -> type[forms.Form]:
    """A form with one text area per translated field."""
    form_fields = {
        name: forms.CharField(label=labels.get(name, name), required=False, widget=forms.Textarea(attrs={"rows": 3}))
        for name in fields
    }
    return type("ContentTranslationForm", (forms.Form,), form_fields)
