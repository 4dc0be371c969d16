"""Contact channels besides the visit: callback requests and the contact form.

Both hold personal data only as long as needed: the retention job deletes them (see tasks.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.tenancy import TenantOwned


class TimeWindow(models.TextChoices):
    MORNING = "morning", _("vormittags (8–12 Uhr)")
    AFTERNOON = "afternoon", _("nachmittags (12–16 Uhr)")
    ANY = "any", _("egal")


class CallbackRequest(TenantOwned):
    """Someone asks to be called back about a concern; routed to the concern's section."""

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        DONE = "done", _("erledigt")
        GIVEN_UP = "given_up", _("nicht erreicht, beendet")

    section = models.ForeignKey(
        "core.Section",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callback_requests",
        verbose_name=_("Sachgebiet"),
    )
    service = models.ForeignKey(
        "appointments.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Anliegen"),
    )
    name = models.CharField(_("Name"), max_length=150)
    phone = models.CharField(_("Telefonnummer"), max_length=50)
    language = models.CharField(_("Sprache"), max_length=10)
    window = models.CharField(_("Wunschzeit"), max_length=10, choices=TimeWindow.choices, default=TimeWindow.ANY)
    message = models.TextField(_("Worum geht es?"), blank=True, max_length=1000)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("eingegangen"), auto_now_add=True, db_index=True)
    first_attempt_at = models.DateTimeField(_("erster Rückruf"), null=True, blank=True)
    closed_at = models.DateTimeField(_("abgeschlossen"), null=True, blank=True)

    class Meta:
        verbose_name = _("Rückrufwunsch")
        verbose_name_plural = _("Rückrufwünsche")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "section", "created_at"], name="callback_queue")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False), name="callback_closed_has_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_window_display()}"


class CallbackAttempt(TenantOwned):
    """One call made for a request and how it went."""

    class Outcome(models.TextChoices):
        REACHED = "reached", _("erreicht, Anliegen geklärt")
        REACHED_FOLLOW_UP = "follow_up", _("erreicht, Termin oder Nachricht folgt")
        NO_ANSWER = "no_answer", _("nicht erreicht")
        VOICEMAIL = "voicemail", _("Nachricht hinterlassen")
        WRONG_NUMBER = "wrong_number", _("falsche Nummer")

    REACHED_OUTCOMES = ("reached", "follow_up")

    request = models.ForeignKey(CallbackRequest, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField(_("Zeitpunkt"))
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("Ergebnis"), max_length=12, choices=Outcome.choices)
    note = models.CharField(_("Notiz"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Rückrufversuch")
        verbose_name_plural = _("Rückrufversuche")
        ordering = ["at", "pk"]


class ContactMessage(TenantOwned):
    """A message from the contact form, routed to a section and answered by e-mail."""

    class Status(models.TextChoices):
        NEW = "new", _("neu")
        IN_PROGRESS = "in_progress", _("in Bearbeitung")
        ANSWERED = "answered", _("beantwortet")

    section = models.ForeignKey(
        "core.Section",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_messages",
        verbose_name=_("Sachgebiet"),
    )
    service = models.ForeignKey(
        "appointments.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Anliegen"),
    )
    name = models.CharField(_("Name"), max_length=150)
    email = models.EmailField(_("E-Mail"), max_length=254)
    language = models.CharField(_("Sprache"), max_length=10)
    subject = models.CharField(_("Betreff"), max_length=200)
    message = models.TextField(_("Nachricht"), max_length=5000)
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("eingegangen"), auto_now_add=True, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bearbeitet von"),
    )
    answer = models.TextField(_("Antwort"), blank=True)
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kontaktanfrage")
        verbose_name_plural = _("Kontaktanfragen")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "section", "created_at"], name="contact_queue")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="answered") | Q(answered_at__isnull=False), name="contact_answered_has_time"
            )
        ]

    def __str__(self) -> str:
        return self.subject
