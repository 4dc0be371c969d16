"""Forms of the public booking flow. Limits match the model fields, so oversize input gets a
field error instead of a database error."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.botguard import BotguardFormMixin

from .models import Urgency


class ContactForm(BotguardFormMixin, forms.Form):
    """Contact data of an online booking; ``clean()`` also checks the bot guard."""

    given_names = forms.CharField(label=_("Vorname(n)"), max_length=150)
    family_name = forms.CharField(label=_("Familienname"), max_length=150)
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        help_text=_("Wir schicken Ihnen einen Link. Erst wenn Sie ihn öffnen, ist der Termin gebucht."),
    )
    phone = forms.CharField(
        label=_("Telefonnummer"),
        max_length=50,
        required=False,
        validators=[
            RegexValidator(r"^\+?[0-9 ()/-]{5,}$", _("Bitte geben Sie nur Ziffern, Leerzeichen und + / - ( ) ein."))
        ],
    )
    language = forms.ChoiceField(label=_("In welcher Sprache sollen wir Ihnen schreiben?"), choices=())
    consent = forms.BooleanField(
        label=_("Ich bin einverstanden, dass meine Angaben für diesen Termin gespeichert werden."),
        help_text=_("Die Angaben werden nur für Ihren Termin verwendet und nach den gesetzlichen Fristen gelöscht."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["language"].choices = [(code, name) for code, name in settings.LANGUAGES]  # type: ignore[attr-defined]
        self.fields["language"].initial = get_language() or settings.LANGUAGE_CODE
        for name, autocomplete in (
            ("given_names", "given-name"),
            ("family_name", "family-name"),
            ("email", "email"),
            ("phone", "tel"),
        ):
            self.fields[name].widget.attrs["autocomplete"] = autocomplete

    def clean_given_names(self) -> str:
        return " ".join(self.cleaned_data["given_names"].split())

    def clean_family_name(self) -> str:
        return " ".join(self.cleaned_data["family_name"].split())


class EmergencyForm(forms.Form):
    urgency = forms.ChoiceField(
        label=_("Warum brauchen Sie heute einen Termin?"), choices=Urgency.choices, widget=forms.RadioSelect
    )
    service = forms.TypedChoiceField(label=_("Anliegen"), coerce=int, choices=())

    def __init__(self, *args: object, services: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["service"].choices = services  # type: ignore[attr-defined]
