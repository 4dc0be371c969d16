"""The form of the fair allocation (Bedarfsanmeldung): contact, birth date, permit expiry and
the times a person can come. The bot guard is checked in ``clean()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .forms import ContactForm
from .models import Location

WEEKDAY_CHOICES = [
    (0, _("Montag")),
    (1, _("Dienstag")),
    (2, _("Mittwoch")),
    (3, _("Donnerstag")),
    (4, _("Freitag")),
]
DAY_PART_CHOICES = [("am", _("vormittags (bis 12 Uhr)")), ("pm", _("nachmittags (ab 12 Uhr)"))]
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AllocationRequestForm(ContactForm):
    """A need for a service booked on request; ``clean()`` also checks the bot guard (ContactForm)."""

    date_of_birth = forms.DateField(
        label=_("Geburtsdatum"),
        input_formats=DATE_FORMATS,
        widget=_date_widget(),
        help_text=_("Damit erkennen wir, wenn jemand zweimal angemeldet ist."),
    )
    permit_expires_on = forms.DateField(
        label=_("Bis wann gilt Ihr Aufenthaltstitel?"),
        input_formats=DATE_FORMATS,
        widget=_date_widget(),
        required=False,
        help_text=_("Das Datum steht auf Ihrem Aufenthaltstitel. Läuft er bald ab, bekommen Sie früher einen Termin."),
    )
    location = forms.TypedChoiceField(label=_("Standort"), coerce=int, choices=())
    weekdays = forms.TypedMultipleChoiceField(
        label=_("An welchen Tagen können Sie kommen?"),
        coerce=int,
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Je mehr Tage Sie wählen, desto eher finden wir einen Termin für Sie."),
    )
    day_parts = forms.MultipleChoiceField(
        label=_("Zu welcher Tageszeit können Sie kommen?"),
        choices=DAY_PART_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = [
        "given_names",
        "family_name",
        "date_of_birth",
        "email",
        "phone",
        "language",
        "permit_expires_on",
        "location",
        "weekdays",
        "day_parts",
        "consent",
    ]

    def __init__(self, *args: Any, locations: list[Location], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "Wir schicken Ihnen einen Link. Erst wenn Sie ihn öffnen, nimmt Ihre Anmeldung an der Vergabe teil."
        )
        self.fields["consent"].label = _(
            "Ich bin einverstanden, dass meine Angaben für die Vergabe eines Termins gespeichert werden."
        )
        self.fields["date_of_birth"].widget.attrs["autocomplete"] = "bday"
        self.locations = locations
        location = self.fields["location"]
        location.choices = [(loc.pk, loc.name) for loc in locations]  # type: ignore[attr-defined]
        if len(locations) == 1:  # nothing to choose: the field is left out of the page
            location.required = False
            location.widget = forms.HiddenInput()

    def clean_location(self) -> Location:
        if len(self.locations) == 1:
            return self.locations[0]
        chosen: int = self.cleaned_data["location"]
        return next(loc for loc in self.locations if loc.pk == chosen)

    def clean_date_of_birth(self) -> dt.date:
        value: dt.date = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if value > today or value.year < today.year - 120:
            raise forms.ValidationError(_("Bitte prüfen Sie Ihr Geburtsdatum."))
        return value
