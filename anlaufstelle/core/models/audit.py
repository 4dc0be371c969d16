"""The audit log: append-only for everyone but the retention job (enforced in the database)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..tenancy import TenantOwned


class AuditAction(models.TextChoices):
    VIEW = "view", _("angesehen")
    SEARCH = "search", _("gesucht")
    CREATE = "create", _("angelegt")
    CHANGE = "change", _("geändert")
    DELETE = "delete", _("gelöscht")
    EXPORT = "export", _("exportiert")
    LOGIN = "login", _("angemeldet")
    LOGIN_FAILED = "login_failed", _("Anmeldung fehlgeschlagen")


class AuditEntry(TenantOwned):
    """Who did what to whose data, when, and why. Rows are never updated.

    No foreign keys on purpose: an entry must survive the deletion of what it describes.
    """

    at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(_("Benutzer-ID"), null=True, blank=True)
    actor_username = models.CharField(_("Benutzer*in"), max_length=150, blank=True)
    actor_role = models.CharField(_("Rolle"), max_length=20, blank=True)
    action = models.CharField(_("Aktion"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("Objektart"), max_length=100)
    object_id = models.CharField(_("Objekt-ID"), max_length=64, blank=True)
    person_id = models.BigIntegerField(_("Person-ID"), null=True, blank=True, db_index=True)
    reason = models.TextField(_("Grund"), blank=True)
    details = models.JSONField(_("Einzelheiten"), default=dict, blank=True)
    request_id = models.CharField(_("Anfrage-ID"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["tenant", "actor_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}:{self.object_id}"


class AuditPurgeGrant(models.Model):
    """Exists only inside the retention job's transaction; the triggers allow deletes then."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Löschfreigabe Protokoll")

    def __str__(self) -> str:
        return f"purge grant {self.pk}"
