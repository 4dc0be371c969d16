"""Record of periodic jobs enqueued by the scheduler: one row per job and due time."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """Platform-wide (not tenant-owned): the unique key lets several schedulers run safely."""

    job = models.CharField(_("Aufgabe"), max_length=100)
    due_at = models.DateTimeField(_("fällig"))
    enqueued_at = models.DateTimeField(_("eingereiht"), auto_now_add=True)

    class Meta:
        verbose_name = _("geplanter Lauf")
        verbose_name_plural = _("geplante Läufe")
        constraints = [models.UniqueConstraint(fields=["job", "due_at"], name="scheduled_run_once")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.due_at:%Y-%m-%d %H:%M}"
