"""Forms of the front desk. Public forms carry the bot guard; limits match the model fields."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from anlaufstelle.appointments.models import Service
from anlaufstelle.core.botguard import BotguardFormMixin

from .models import CallbackAttempt, TimeWindow

PHONE = RegexValidator(r"^\+?[0-9 ()/-]{5,}$", _("Bitte geben Sie nur Ziffern, Leerzeichen und + / - ( ) ein."))


def concern_choices(services: list[Service]) -> list[tuple[str, object]]:
    """Services grouped by section, plus "something else" (routed to the front desk)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for service in services:
        groups.setdefault(str(service.section.name), []).append((str(service.pk), service.name))
    return [("", _("Bitte wählen")), *groups.items(), ("other", _("Etwas anderes"))]


class ConcernMixin(forms.Form):
    concern = forms.ChoiceField(label=_("Worum geht es?"), choices=())

    def set_concerns(self, services: list[Service]) -> None:
        self._services = {str(s.pk): s for s in services}
        self.fields["concern"].choices = concern_choices(services)  # type: ignore[attr-defined]

    def concern_service(self) -> Service | None:
        return self._services.get(self.cleaned_data["concern"])


def _language_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("In welcher Sprache sollen wir mit Ihnen sprechen?"), choices=())


def _init_language(form: forms.Form) -> None:
    form.fields["language"].choices = list(settings.LANGUAGES)  # type: ignore[attr-defined]
    form.fields["language"].initial = get_language() or settings.LANGUAGE_CODE


class CallbackForm(BotguardFormMixin, ConcernMixin):
    name = forms.CharField(label=_("Ihr Name"), max_length=150)
    phone = forms.CharField(label=_("Telefonnummer"), max_length=50, validators=[PHONE])
    language = _language_field()
    window = forms.ChoiceField(
        label=_("Wann dürfen wir anrufen?"), choices=TimeWindow.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Kurz: Ihre Frage"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    consent = forms.BooleanField(
        label=_("Ich bin einverstanden, dass meine Angaben für den Rückruf gespeichert werden."),
        help_text=_("Wir löschen sie nach dem Rückruf, spätestens nach 30 Tagen."),
    )

    def __init__(self, *args: object, services: list[Service], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.set_concerns(services)
        _init_language(self)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})


class ContactMessageForm(BotguardFormMixin, ConcernMixin):
    name = forms.CharField(label=_("Ihr Name"), max_length=150)
    email = forms.EmailField(
        label=_("E-Mail-Adresse"), max_length=254, help_text=_("Hierhin schicken wir die Antwort.")
    )
    language = _language_field()
    subject = forms.CharField(label=_("Betreff"), max_length=200)
    message = forms.CharField(label=_("Ihre Nachricht"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    consent = forms.BooleanField(
        label=_("Ich bin einverstanden, dass meine Angaben für die Antwort gespeichert werden."),
        help_text=_("Wir löschen sie spätestens nach sechs Monaten."),
    )

    def __init__(self, *args: object, services: list[Service], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.set_concerns(services)
        _init_language(self)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class PersonSearchForm(forms.Form):
    family_name = forms.CharField(label=_("Familienname"), max_length=150)
    date_of_birth = forms.DateField(label=_("Geburtsdatum"), widget=forms.DateInput(attrs={"type": "date"}))


class CallbackAttemptForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Ergebnis"), choices=CallbackAttempt.Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Notiz"), max_length=500, required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Antwort"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8}))
