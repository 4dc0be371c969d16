"""Controlling: what the KPIs need beyond the event data of appointments and the front desk.

Lead-time snapshots (the next free appointment cannot be reconstructed later, so a daily job
records it), the lead's thresholds, and the anonymous feedback survey. Feedback rows carry
only service, location and day: nothing leads from an answer back to a person.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.tenancy import TenantOwned


class LeadTimeSnapshot(TenantOwned):
    """The lead time of one service at one location as it was on one (Berlin) day."""

    day = models.DateField(_("Tag"))
    service = models.ForeignKey(
        "appointments.Service", on_delete=models.CASCADE, related_name="+", verbose_name=_("Anliegen")
    )
    location = models.ForeignKey(
        "appointments.Location", on_delete=models.CASCADE, related_name="+", verbose_name=_("Standort")
    )
    next_free_at = models.DateTimeField(_("nächster freier Termin"), null=True, blank=True)
    lead_days = models.PositiveIntegerField(
        _("Terminvorlauf (Tage)"), null=True, blank=True, help_text=_("Leer: kein freier Termin im Buchungszeitraum.")
    )
    window_days = models.PositiveIntegerField(_("Buchungszeitraum (Tage)"))
    recorded_at = models.DateTimeField(_("erfasst"), auto_now_add=True)

    class Meta:
        verbose_name = _("Terminvorlauf-Messung")
        verbose_name_plural = _("Terminvorlauf-Messungen")
        ordering = ["-day", "service"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "day", "service", "location"], name="lead_time_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.service_id}@{self.location_id}: {self.lead_days}"


class Threshold(TenantOwned):
    """A limit the lead sets on a headline figure: beyond it the figure shows red and the lead
    gets a mail (once when the limit is first crossed, again only after it was kept)."""

    class Direction(models.TextChoices):
        ABOVE = "above", _("Warnung, wenn der Wert darüber liegt")
        BELOW = "below", _("Warnung, wenn der Wert darunter liegt")

    kpi = models.CharField(_("Kennzahl"), max_length=40)
    direction = models.CharField(_("Richtung"), max_length=5, choices=Direction.choices, default=Direction.ABOVE)
    limit = models.DecimalField(_("Grenzwert"), max_digits=10, decimal_places=2)
    section = models.ForeignKey(
        "core.Section", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("Sachgebiet")
    )
    notify = models.EmailField(
        _("Benachrichtigung an"), blank=True, help_text=_("Leer: an alle aktiven Leitungen mit E-Mail-Adresse.")
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    breached_since = models.DateField(_("überschritten seit"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Schwellenwert")
        verbose_name_plural = _("Schwellenwerte")
        ordering = ["kpi"]

    def __str__(self) -> str:
        return f"{self.kpi} {self.direction} {self.limit}"

    def breached_by(self, value: float | None) -> bool:
        if value is None:
            return False
        return value > float(self.limit) if self.direction == self.Direction.ABOVE else value < float(self.limit)


class FeedbackInvitation(TenantOwned):
    """One invitation mailed after a visit: only the hash of its one-use nonce, the service,
    location and day. No booking, no person; ``used`` without a time, so that the order of
    answers cannot be matched to the order of invitations."""

    nonce_hash = models.CharField(max_length=64, unique=True)
    day = models.DateField(_("Tag des Besuchs"))
    service = models.ForeignKey("appointments.Service", on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey("appointments.Location", on_delete=models.CASCADE, related_name="+")
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Einladung zur Rückmeldung")
        verbose_name_plural = _("Einladungen zur Rückmeldung")
        indexes = [models.Index(fields=["day"], name="feedback_invitation_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.service_id}"


class FeedbackMailing(TenantOwned):
    """The invitations for the visits of one day were sent (so a day is never mailed twice)."""

    day = models.DateField(_("Tag"))
    sent = models.PositiveIntegerField(_("versandt"), default=0)

    class Meta:
        verbose_name = _("Versand der Rückmeldebitten")
        verbose_name_plural = _("Versand der Rückmeldebitten")
        constraints = [models.UniqueConstraint(fields=["tenant", "day"], name="feedback_mailing_once_a_day")]

    def __str__(self) -> str:
        return f"{self.day}: {self.sent}"


def _rating(label: Any) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class FeedbackResponse(TenantOwned):
    """An anonymous answer to the survey: four ratings from 1 (poor) to 5 (very good) and a comment."""

    QUESTIONS = ("waiting", "friendliness", "clarity", "result")  # the rating fields, in the survey's order

    class Source(models.TextChoices):
        MAIL = "mail", _("E-Mail nach dem Termin")
        COUNTER = "counter", _("QR-Code am Schalter")

    day = models.DateField(_("Tag des Besuchs"))
    source = models.CharField(_("Weg"), max_length=10, choices=Source.choices)
    service = models.ForeignKey(
        "appointments.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    location = models.ForeignKey(
        "appointments.Location", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    section = models.ForeignKey("core.Section", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    waiting = _rating(_("Wartezeit"))
    friendliness = _rating(_("Freundlichkeit"))
    clarity = _rating(_("Verständlichkeit"))
    result = _rating(_("Ergebnis"))
    comment = models.TextField(_("Kommentar"), blank=True, max_length=2000)
    language = models.CharField(_("Sprache"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        ordering = ["-day", "-pk"]
        indexes = [models.Index(fields=["day"], name="feedback_response_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(waiting__isnull=False)
                | Q(friendliness__isnull=False)
                | Q(clarity__isnull=False)
                | Q(result__isnull=False),
                name="feedback_has_a_rating",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.source}"


class MonthlyReport(TenantOwned):
    """The archived monthly report of the office: the HTML document and the PDF made from it.

    Both are kept in the database, not in file storage: the web tier is stateless (any app server
    serves the download), the tenant's rows are isolated like all others, a regeneration replaces
    HTML and PDF in one transaction, and the backup of the database holds the archive (a report
    is a few hundred kilobytes, twelve a year).
    """

    month = models.DateField(_("Monat"), help_text=_("Der erste Tag des Monats."))
    generated_at = models.DateTimeField(_("erstellt"))
    html = models.TextField(_("HTML-Fassung"))
    pdf = models.BinaryField(_("PDF-Fassung"))

    class Meta:
        verbose_name = _("Monatsbericht")
        verbose_name_plural = _("Monatsberichte")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["tenant", "month"], name="monthly_report_once_a_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class KpiDay(TenantOwned):
    """A Berlin day whose KPI facts are stored (``QueueFact``, ``BookingFact``).

    ``version`` is raised by database triggers (migration 0003) whenever a booking, ticket or
    queue event that counts for the day is written, whichever code writes it; ``built`` is the
    version the stored facts were made from. The facts of a day are used only while the two
    are equal; otherwise the day is computed from the raw rows, and the refresh job builds it again.
    """

    day = models.DateField(_("Tag"))
    version = models.PositiveBigIntegerField(_("Stand der Daten"), default=0)
    built = models.PositiveBigIntegerField(_("Stand der Kennzahlen"), null=True, blank=True)
    built_at = models.DateTimeField(_("berechnet"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kennzahlen-Tag")
        verbose_name_plural = _("Kennzahlen-Tage")
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["tenant", "day"], name="kpi_day_once")]

    def __str__(self) -> str:
        return f"{self.day} v{self.version} (built {self.built})"


class QueueFact(TenantOwned):
    """The tickets of one Berlin day and hour of arrival, per section, service and location.

    Counts add up over days; the waiting and service times are kept one by one (whole seconds,
    comma-separated) so medians and percentiles over any period stay exact.
    """

    day = models.DateField(_("Tag"))
    hour = models.PositiveSmallIntegerField(_("Stunde"))
    section = models.ForeignKey("core.Section", on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey("appointments.Service", on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey("appointments.Location", on_delete=models.CASCADE, related_name="+")
    tickets = models.PositiveIntegerField(default=0)
    walk_ins = models.PositiveIntegerField(default=0)
    called = models.PositiveIntegerField(default=0)
    called_no_show = models.PositiveIntegerField(default=0)
    estimates = models.PositiveIntegerField(default=0)
    estimate_error_seconds = models.PositiveBigIntegerField(default=0)
    waits = models.TextField(blank=True)
    services = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Kennzahlen der Warteschlange (Tag)")
        verbose_name_plural = _("Kennzahlen der Warteschlange (Tage)")
        indexes = [models.Index(fields=["tenant", "day"], name="queue_fact_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.hour}h {self.service_id}@{self.location_id}: {self.tickets}"


class BookingFact(TenantOwned):
    """The bookings of one Berlin day per service, location and channel: made that day (with the
    lead time each got, in days, comma-separated), cancelled that day, and starting that day."""

    day = models.DateField(_("Tag"))
    service = models.ForeignKey("appointments.Service", on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey("appointments.Location", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=12)
    made = models.PositiveIntegerField(default=0)
    lead_days = models.TextField(blank=True)
    cancelled = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)
    no_shows = models.PositiveIntegerField(default=0)
    emergency = models.PositiveIntegerField(default=0)
    holding_seconds = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("Kennzahlen der Termine (Tag)")
        verbose_name_plural = _("Kennzahlen der Termine (Tage)")
        indexes = [models.Index(fields=["tenant", "day"], name="booking_fact_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.service_id}@{self.location_id} {self.channel}: {self.made}"
