"""Transactional outbox: mail is stored with the change that causes it and sent after commit."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..tenancy import TenantOwned


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("wartet")
    SENDING = "sending", _("wird gesendet")
    SENT = "sent", _("gesendet")
    FAILED = "failed", _("endgültig fehlgeschlagen")


class OutboxMessage(TenantOwned):
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    recipients = models.JSONField(_("Empfänger*innen"))
    subject = models.CharField(_("Betreff"), max_length=300)
    body_text = models.TextField(_("Text"))
    body_html = models.TextField(_("HTML"), blank=True)
    # [{"filename": ..., "mimetype": ..., "content_b64": ...}]
    attachments = models.JSONField(_("Anhänge"), default=list, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    status = models.CharField(_("Status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), db_index=True)
    locked_until = models.DateTimeField(_("gesperrt bis"), null=True, blank=True)
    last_error = models.TextField(_("letzter Fehler"), blank=True)
    sent_at = models.DateTimeField(_("gesendet am"), null=True, blank=True)
    topic = models.CharField(_("Anlass"), max_length=100, blank=True)
    # A message queued with mail_queue_composed is written by the delivering worker, not by the
    # request that causes it: the registered composer of this name, called with these parameters.
    composer = models.CharField(_("verfasst von"), max_length=100, blank=True)
    compose_params = models.JSONField(_("Angaben zum Verfassen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("ausgehende Nachricht")
        verbose_name_plural = _("ausgehende Nachrichten")
        ordering = ["next_attempt_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False), name="outbox_sent_has_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject or self.topic} ({self.get_status_display()})"

    @property
    def awaits_composing(self) -> bool:
        """Queued to be composed by the worker, and not composed yet (every composed mail has a text)."""
        return bool(self.composer) and not self.body_text
