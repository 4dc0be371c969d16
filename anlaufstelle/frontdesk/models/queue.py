"""How the front desk runs its queues: rules per section and per service, set by the lead."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.tenancy import TenantOwned


class QueueRule(TenantOwned):
    """The queue of one section: ticket prefix, check-in window, cut-off, priorities, no-show rule.

    A section without a rule runs on the defaults of an unsaved instance (prefix: its code)."""

    section = models.ForeignKey(
        "core.Section", on_delete=models.CASCADE, related_name="queue_rules", verbose_name=_("Sachgebiet")
    )
    prefix = models.CharField(
        _("Kennbuchstabe der Wartemarken"),
        max_length=3,
        validators=[RegexValidator(r"^[A-Z0-9]{1,3}$", _("Ein bis drei Großbuchstaben oder Ziffern."))],
    )
    early_minutes = models.PositiveSmallIntegerField(
        _("Einchecken frühestens (Minuten vor dem Termin)"), default=30, validators=[MaxValueValidator(240)]
    )
    late_minutes = models.PositiveSmallIntegerField(
        _("Einchecken spätestens (Minuten nach Terminbeginn)"),
        default=15,
        validators=[MaxValueValidator(120)],
        help_text=_("Wer später kommt, hat den Termin verpasst und kann eine Wartemarke ohne Termin erhalten."),
    )
    walk_in_cutoff = models.TimeField(
        _("Annahmeschluss für Wartemarken"),
        default=dt.time(15, 0),
        help_text=_("Danach gibt es keine Wartemarken ohne Termin mehr (Notfälle ausgenommen)."),
    )
    calls_before_no_show = models.PositiveSmallIntegerField(
        _("Aufrufe bis „nicht erschienen“"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    emergency_first = models.BooleanField(_("Notfälle zuerst"), default=True)
    disability_first = models.BooleanField(_("Menschen mit Behinderung zuerst"), default=True)

    class Meta:
        verbose_name = _("Warteschlangen-Regel")
        verbose_name_plural = _("Warteschlangen-Regeln")
        ordering = ["section__code"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "section"], name="queue_rule_per_section"),
            models.UniqueConstraint(fields=["tenant", "prefix"], name="queue_prefix_per_tenant"),
            models.CheckConstraint(condition=Q(calls_before_no_show__gte=1), name="queue_rule_calls_min"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} – {self.section}"


class ServiceDeskRule(TenantOwned):
    """Whether a service takes walk-ins, and how many tickets a day at most.

    Without a rule a service takes walk-ins only if it is booked at the desk anyway."""

    service = models.ForeignKey(
        "appointments.Service", on_delete=models.CASCADE, related_name="desk_rules", verbose_name=_("Anliegen")
    )
    walk_in = models.BooleanField(_("Wartemarken ohne Termin"), default=True)
    max_tickets_per_day = models.PositiveSmallIntegerField(
        _("höchstens Wartemarken pro Tag"),
        null=True,
        blank=True,
        help_text=_("Leer: keine Grenze. Notfälle zählen nicht mit."),
    )

    class Meta:
        verbose_name = _("Empfangsregel für ein Anliegen")
        verbose_name_plural = _("Empfangsregeln für Anliegen")
        constraints = [models.UniqueConstraint(fields=["tenant", "service"], name="desk_rule_per_service")]

    def __str__(self) -> str:
        return str(self.service)
