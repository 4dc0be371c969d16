"""Places where offers happen (HSDS "location"): address, coordinates, accessibility, hours."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.i18n import TranslatableContent
from anlaufstelle.core.models import OpeningHours
from anlaufstelle.core.tenancy import TenantOwned

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _coordinate(label: StrOrPromise, limit: int) -> models.DecimalField[Any, Any]:
    """A WGS 84 degree within ±``limit``, to six decimals (about 10 cm); empty for an online place."""
    return models.DecimalField(
        label,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-limit), MaxValueValidator(limit)],
    )


class Place(TenantOwned, TranslatableContent):
    """A place with an address (or an online-only place without one)."""

    uuid = models.UUIDField(_("Kennung (HSDS)"), default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("Organisation"),
    )
    name = models.CharField(_("Name"), max_length=200)
    directions = models.TextField(_("Wegbeschreibung"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("Stadtteil"),
    )
    latitude = _coordinate(_("Breitengrad"), 90)
    longitude = _coordinate(_("Längengrad"), 180)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    step_free = models.BooleanField(_("stufenlos erreichbar"), default=False)
    accessible_toilet = models.BooleanField(_("barrierefreies WC"), default=False)
    hearing_loop = models.BooleanField(_("Induktionsschleife"), default=False)
    accessibility_note = models.TextField(_("Hinweise zur Barrierefreiheit"), blank=True)

    translated_fields = ("name", "directions", "accessibility_note")

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "uuid"], name="place_uuid_per_tenant"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_coordinates_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class PlaceHours(TenantOwned):
    """Regular opening hours of a place, per weekday (several rows for split days)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="hours", verbose_name=_("Ort"))
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=OpeningHours.Weekday.choices)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))
    by_appointment_only = models.BooleanField(_("nur mit Termin"), default=False)

    class Meta:
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        ordering = ["weekday", "opens"]
        constraints = [models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="place_hours_order")]
        indexes = [models.Index(fields=["weekday", "opens", "closes"])]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class PlaceHoursException(TenantOwned, TranslatableContent):
    """A period with other hours than usual: closed, only by appointment, or changed hours."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("geschlossen")
        APPOINTMENT_ONLY = "appointment", _("nur mit Termin")
        CHANGED = "changed", _("geänderte Zeiten")

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="exceptions", verbose_name=_("Ort"))
    starts_on = models.DateField(_("von"))
    ends_on = models.DateField(_("bis"))
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    opens = models.TimeField(_("geöffnet von"), null=True, blank=True)
    closes = models.TimeField(_("geöffnet bis"), null=True, blank=True)
    note = models.CharField(_("Hinweis"), max_length=200, blank=True)

    translated_fields = ("note",)

    class Meta:
        verbose_name = _("Ausnahme von den Öffnungszeiten")
        verbose_name_plural = _("Ausnahmen von den Öffnungszeiten")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="place_exception_order"),
            models.CheckConstraint(
                condition=~Q(kind="changed") | Q(opens__isnull=False, closes__isnull=False, closes__gt=F("opens")),
                name="place_exception_changed_has_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place}: {self.get_kind_display()} {self.starts_on}–{self.ends_on}"
