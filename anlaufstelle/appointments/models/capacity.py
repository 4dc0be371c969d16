"""What the office can offer: where, which concerns, who, when."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.i18n import TranslatableContent
from anlaufstelle.core.tenancy import TenantOwned

GRID_MINUTES = 15  # the booking grid: every slot starts and ends on a multiple of it
LONGEST_SERVICE_MINUTES = 240


# Default times as functions, not fixed values: Django reports a fixed time default (fields.W161)
# whenever `check --deploy` runs within ten seconds of that time of day, which failed a deploy
# check at 07:00 UTC (tests/appointments/test_model_checks.py).
def seven_in_the_morning() -> dt.time:
    return dt.time(7, 0)


def eight_in_the_morning() -> dt.time:
    return dt.time(8, 0)


class Location(TenantOwned, TranslatableContent):
    name = models.CharField(_("Name"), max_length=200)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    directions = models.TextField(_("Wegbeschreibung"), blank=True)
    emergency_share = models.PositiveSmallIntegerField(
        _("Notfallkontingent (Prozent)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Dieser Anteil jeder Schicht bleibt frei und wird erst am selben Tag für dringende Fälle freigegeben."
        ),
    )
    emergency_release_time = models.TimeField(_("Freigabe des Notfallkontingents"), default=seven_in_the_morning)

    translated_fields = ("name", "directions")

    class Meta:
        verbose_name = _("Standort")
        verbose_name_plural = _("Standorte")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Counter(TenantOwned):
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="counters", verbose_name=_("Standort")
    )
    section = models.ForeignKey(
        "core.Section",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="counters",
        verbose_name=_("Sachgebiet"),
    )
    number = models.CharField(_("Nummer"), max_length=20)
    floor_and_room = models.CharField(_("Etage und Raum"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("Schalter")
        verbose_name_plural = _("Schalter")
        ordering = ["location", "number"]
        constraints = [models.UniqueConstraint(fields=["location", "number"], name="counter_number_per_location")]

    def __str__(self) -> str:
        return f"{self.location} – {self.number}"


class Service(TenantOwned, TranslatableContent):
    """A concern (Anliegen) a person can come for."""

    class BookingMode(models.TextChoices):
        ONLINE = "online", _("online buchbar")
        REQUEST = "request", _("nur auf Anfrage (Vergabe)")
        DESK = "desk", _("nur am Empfang")

    section = models.ForeignKey(
        "core.Section", on_delete=models.PROTECT, related_name="services", verbose_name=_("Sachgebiet")
    )
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    documents = models.TextField(_("Mitzubringende Unterlagen"), blank=True, help_text=_("Eine Unterlage pro Zeile."))
    fee = models.CharField(_("Gebühr"), max_length=100, blank=True)
    notes = models.TextField(_("Hinweise"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("Dauer (Minuten)"), validators=[MinValueValidator(GRID_MINUTES), MaxValueValidator(LONGEST_SERVICE_MINUTES)]
    )
    booking_mode = models.CharField(
        _("Buchung"), max_length=10, choices=BookingMode.choices, default=BookingMode.ONLINE
    )
    earliest_days = models.PositiveSmallIntegerField(_("frühestens in Tagen"), default=1)
    latest_days = models.PositiveSmallIntegerField(_("spätestens in Tagen"), default=60)
    release_time = models.TimeField(
        _("tägliche Freischaltung"),
        default=eight_in_the_morning,
        help_text=_("Uhrzeit, zu der jeden Tag der nächste Tag am Ende des Buchungszeitraums buchbar wird."),
    )
    qualified_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="qualified_services",
        verbose_name=_("qualifiziertes Personal"),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    translated_fields = ("name", "description", "documents", "fee", "notes")

    class Meta:
        verbose_name = _("Anliegen")
        verbose_name_plural = _("Anliegen")
        ordering = ["section__code", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(latest_days__gte=F("earliest_days")), name="service_window_order"),
            models.CheckConstraint(condition=Q(duration_minutes__gte=GRID_MINUTES), name="service_duration_min"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def document_list(self) -> list[str]:
        """The documents to bring, one per non-empty line (in the active language)."""
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    @property
    def cells(self) -> int:
        """How many grid cells one appointment of this service occupies."""
        return -(-self.duration_minutes // GRID_MINUTES)


class WeeklyAvailability(TenantOwned):
    """A staff member's regular presence at a location on one weekday, valid for a period."""

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_availability")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="weekly_availability")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), validators=[MaxValueValidator(6)])
    starts = models.TimeField(_("von"))
    ends = models.TimeField(_("bis"))
    valid_from = models.DateField(_("gültig ab"))
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("regelmäßige Anwesenheit")
        verbose_name_plural = _("regelmäßige Anwesenheiten")
        ordering = ["staff", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="weekly_availability_order"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="weekly_availability_validity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.weekday} {self.starts:%H:%M}–{self.ends:%H:%M}"


class AvailabilityException(TenantOwned):
    """Absence, training, or a closure: no appointments in this period (for one person or all)."""

    class Kind(models.TextChoices):
        ABSENCE = "absence", _("Abwesenheit")
        TRAINING = "training", _("Fortbildung")
        CLOSURE = "closure", _("Schließung")

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="availability_exceptions",
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, null=True, blank=True, related_name="exceptions")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField(_("von"))
    ends_at = models.DateTimeField(_("bis"))
    note = models.CharField(_("Hinweis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Ausnahme")
        verbose_name_plural = _("Ausnahmen")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="availability_exception_order"),
            models.CheckConstraint(
                condition=Q(staff__isnull=False) | Q(location__isnull=False), name="availability_exception_scope"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"
