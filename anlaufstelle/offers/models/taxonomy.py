"""The two taxonomies of the directory: topics ("I need …") and life situations ("I am …")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.i18n import TranslatableContent
from anlaufstelle.core.tenancy import TenantOwned


class Topic(TenantOwned, TranslatableContent):
    """A topic (HSDS taxonomy term of the taxonomy "topics"); may have a parent topic."""

    code = models.SlugField(_("Kürzel"), max_length=50)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("Oberthema")
    )
    name = models.CharField(_("Name"), max_length=100)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    translated_fields = ("name", "description")

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["tenant", "code"], name="topic_code_per_tenant")]

    def __str__(self) -> str:
        return self.name


class LifeSituation(TenantOwned, TranslatableContent):
    """A life situation / target group (student, skilled worker, refugee, …; "everyone")."""

    code = models.SlugField(_("Kürzel"), max_length=50)
    name = models.CharField(_("Name"), max_length=100)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_everyone = models.BooleanField(
        _("gilt für alle"), default=False, help_text=_("Angebote für alle erscheinen in jeder Lebenslage.")
    )

    translated_fields = ("name", "description")

    class Meta:
        verbose_name = _("Lebenslage")
        verbose_name_plural = _("Lebenslagen")
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["tenant", "code"], name="life_situation_code_per_tenant")]

    def __str__(self) -> str:
        return self.name
