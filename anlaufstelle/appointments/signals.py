"""Forget the remembered service catalogue (``selectors.CATALOGUE``) whenever its sources change."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from anlaufstelle.core.caching import forget

from .models import AvailabilityException, Counter, Location, Service, WeeklyAvailability
from .selectors import CATALOGUE


def _forget_catalogue(sender: Any, **kwargs: Any) -> None:
    forget(CATALOGUE)


def connect() -> None:
    for model in (
        Service,
        Location,
        Counter,  # named in the mails about appointments
        WeeklyAvailability,
        AvailabilityException,
        "core.Section",
        "core.Tenant",  # its federal state decides the public holidays
        settings.AUTH_USER_MODEL,
    ):
        post_save.connect(_forget_catalogue, sender=model, dispatch_uid=f"catalogue-save-{model}")
        post_delete.connect(_forget_catalogue, sender=model, dispatch_uid=f"catalogue-delete-{model}")
    m2m_changed.connect(_forget_catalogue, sender=Service.qualified_staff.through, dispatch_uid="catalogue-skills")
