"""Tenants (municipalities / offices) and their structure: sections, positions, districts."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..i18n import TranslatableContent
from ..tenancy import TenantOwned


class Tenant(TranslatableContent):
    """One municipality's contact point with its immigration office (global, not scoped)."""

    slug = models.SlugField(_("Kurzname"), unique=True)
    name = models.CharField(_("Name"), max_length=200)
    authority_name = models.CharField(_("Behörde"), max_length=200, blank=True)
    hostnames = models.TextField(
        _("Hostnamen"),
        blank=True,
        help_text=_("Ein Hostname pro Zeile, unter dem diese Anlaufstelle erreichbar ist."),
    )
    federal_state = models.CharField(
        _("Bundesland (ISO-Code)"),
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{2}$")],
        default="NW",
        help_text=_("Für die gesetzlichen Feiertage, z. B. NW, BY, BE."),
    )
    logo = models.TextField(_("Logo (SVG)"), blank=True)
    intro = models.TextField(_("Einleitung"), blank=True)
    how_to_reach = models.TextField(_("Anfahrt"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    imprint = models.TextField(_("Impressum"), blank=True)
    privacy = models.TextField(_("Datenschutzerklärung"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = models.Manager()

    translated_fields = ("name", "intro", "how_to_reach", "imprint", "privacy")

    class Meta:
        verbose_name = _("Mandant")
        verbose_name_plural = _("Mandanten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def hostname_list(self) -> list[str]:
        return [h.strip().lower() for h in self.hostnames.splitlines() if h.strip()]


class Section(TenantOwned, TranslatableContent):
    """A section (Sachgebiet) of the immigration office."""

    code = models.CharField(_("Kürzel"), max_length=10)
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)

    translated_fields = ("name", "description")

    class Meta:
        verbose_name = _("Sachgebiet")
        verbose_name_plural = _("Sachgebiete")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["tenant", "code"], name="section_code_per_tenant")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Position(TenantOwned):
    """A budgeted position (Planstelle); vacant while nobody holds it."""

    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, null=True, blank=True, related_name="positions", verbose_name=_("Sachgebiet")
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    fte = models.DecimalField(
        _("Vollzeitäquivalente"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    holder = models.ForeignKey(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("Inhaber*in"),
    )
    vacant_since = models.DateField(_("unbesetzt seit"), null=True, blank=True)

    class Meta:
        verbose_name = _("Planstelle")
        verbose_name_plural = _("Planstellen")
        ordering = ["section__code", "title"]
        constraints = [models.CheckConstraint(condition=models.Q(fte__gt=0), name="position_fte_positive")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_vacant(self) -> bool:
        return self.holder_id is None


class District(TenantOwned):
    """A district (Stadtteil) with its boundary as a GeoJSON polygon (WGS 84)."""

    number = models.PositiveSmallIntegerField(_("Nummer"))
    name = models.CharField(_("Name"), max_length=100)
    geometry = models.JSONField(_("Geometrie (GeoJSON)"))

    class Meta:
        verbose_name = _("Stadtteil")
        verbose_name_plural = _("Stadtteile")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["tenant", "number"], name="district_number_per_tenant")]

    def __str__(self) -> str:
        return self.name


class OpeningHours(TenantOwned, TranslatableContent):
    """Opening hours of the contact point, per weekday (several rows for split days)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Montag")
        TUESDAY = 1, _("Dienstag")
        WEDNESDAY = 2, _("Mittwoch")
        THURSDAY = 3, _("Donnerstag")
        FRIDAY = 4, _("Freitag")
        SATURDAY = 5, _("Samstag")
        SUNDAY = 6, _("Sonntag")

    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))
    note = models.CharField(_("Hinweis"), max_length=200, blank=True)

    translated_fields = ("note",)

    class Meta:
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="opening_hours_order")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Organisation(TenantOwned):
    """An organisation of the local network (provider, partner, actor)."""

    class Kind(models.TextChoices):
        CITY = "city", _("Stadtverwaltung")
        COUNSELLING = "counselling", _("Migrationsberatung")
        JOB_CENTRE = "job_centre", _("Jobcenter / Arbeitsagentur")
        CHAMBER = "chamber", _("Kammer")
        UNIVERSITY = "university", _("Hochschule")
        ASSOCIATION = "association", _("Verein / Verband")
        MIGRANT_ORGANISATION = "migrant_org", _("Migrantenorganisation")
        OTHER = "other", _("Sonstige")

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Website"), blank=True)

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
