"""Forms of the directory: the public search filters and the staff form for an offer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.models import District

from .models import LifeSituation, Offer, Topic
from .selectors import OfferFilters

# Languages an offer may be delivered in: the interface languages and the network's others.
OFFER_LANGUAGES: list[tuple[str, Any]] = [
    *settings.LANGUAGES,
    ("pl", _("Polnisch")),
    ("fr", _("Französisch")),
    ("ku", _("Kurdisch")),
    ("ps", _("Paschtu")),
    ("ti", _("Tigrinya")),
]

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _any_of(label: StrOrPromise, queryset: QuerySet[Any], key: str) -> forms.ModelChoiceField:
    """An optional filter by ``queryset``, named in the URL by ``key`` (a code, not the id)."""
    return forms.ModelChoiceField(
        label=label, queryset=queryset, to_field_name=key, required=False, empty_label=_("alle")
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=200)
    thema = _any_of(_("Thema"), Topic.objects.all(), "code")
    lage = _any_of(_("Lebenslage"), LifeSituation.objects.all(), "code")
    sprache = forms.ChoiceField(label=_("Sprache des Angebots"), required=False)
    stadtteil = _any_of(_("Stadtteil"), District.objects.all(), "number")
    kosten = forms.ChoiceField(label=_("Kosten"), required=False, choices=[("", _("egal")), *Offer.Cost.choices])
    jetzt_offen = forms.BooleanField(label=_("jetzt geöffnet"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sprache"].choices = [("", _("alle")), *OFFER_LANGUAGES]  # type: ignore[attr-defined]

    def filters(self) -> OfferFilters:
        data = self.cleaned_data
        return OfferFilters(
            topic=data.get("thema"),
            life_situation=data.get("lage"),
            language=data.get("sprache") or "",
            district_id=data["stadtteil"].pk if data.get("stadtteil") else None,
            cost=data.get("kosten") or "",
            open_now=bool(data.get("jetzt_offen")),
        )


class OfferForm(forms.Form):
    """What an editor changes; saved by ``services.offer_save`` (directly or as a proposal)."""

    name_de = forms.CharField(label=_("Titel"), max_length=200)
    name_de_simple = forms.CharField(label=_("Titel in Einfacher Sprache"), max_length=200, required=False)
    summary_de = forms.CharField(label=_("Kurzbeschreibung"), max_length=300, required=False)
    summary_de_simple = forms.CharField(
        label=_("Kurzbeschreibung in Einfacher Sprache"), max_length=300, required=False
    )
    description_de = forms.CharField(label=_("Beschreibung"), widget=forms.Textarea, required=False)
    description_de_simple = forms.CharField(
        label=_("Beschreibung in Einfacher Sprache"), widget=forms.Textarea, required=False
    )
    eligibility_de = forms.CharField(label=_("Für wen"), widget=forms.Textarea, required=False)
    next_step_de = forms.CharField(
        label=_("So geht es weiter"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Was muss man tun, um das Angebot zu nutzen?"),
    )
    alert_de = forms.CharField(label=_("Aktueller Hinweis"), max_length=300, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Offer.Status.choices)
    topics = forms.ModelMultipleChoiceField(
        label=_("Themen"), queryset=Topic.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    life_situations = forms.ModelMultipleChoiceField(
        label=_("Lebenslagen"),
        queryset=LifeSituation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Sprachen des Angebots"), choices=OFFER_LANGUAGES, widget=forms.CheckboxSelectMultiple, required=False
    )
    cost = forms.ChoiceField(label=_("Kosten"), choices=Offer.Cost.choices)
    cost_amount = forms.DecimalField(label=_("Betrag (Euro)"), max_digits=8, decimal_places=2, required=False)
    cost_description_de = forms.CharField(label=_("Kosten (Hinweis)"), max_length=300, required=False)
    walk_in = forms.BooleanField(label=_("ohne Termin"), required=False)
    by_appointment = forms.BooleanField(label=_("mit Termin"), required=False)
    online = forms.BooleanField(label=_("online"), required=False)
    email = forms.EmailField(label=_("E-Mail"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=50, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    valid_from = forms.DateField(label=_("gültig ab"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(label=_("gültig bis"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("valid_from") and data.get("valid_until") and data["valid_until"] < data["valid_from"]:
            self.add_error("valid_until", _("Das Ende liegt vor dem Beginn."))
        if data.get("cost") == Offer.Cost.FREE and data.get("cost_amount"):
            self.add_error("cost_amount", _("Ein kostenloses Angebot hat keinen Betrag."))
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned data in the form ``offer_save`` and a proposal keep (ids, ISO dates)."""
        data = dict(self.cleaned_data)
        data["topics"] = sorted(topic.pk for topic in data["topics"])
        data["life_situations"] = sorted(situation.pk for situation in data["life_situations"])
        data["languages"] = sorted(data["languages"])
        for name in ("valid_from", "valid_until"):
            data[name] = data[name].isoformat() if data[name] else None
        data["cost_amount"] = str(data["cost_amount"]) if data["cost_amount"] is not None else None
        return data


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("Begründung (bei Ablehnung)"), widget=forms.Textarea, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("CSV-Datei oder HSDS-Export (ZIP der JSON-Dateien oder services.json), höchstens 10 MB."),
    )
    apply = forms.BooleanField(
        label=_("Wirklich importieren"),
        required=False,
        help_text=_("Ohne Haken wird nur geprüft und angezeigt, was sich ändern würde."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Die Datei ist größer als 10 MB."))
        return upload
