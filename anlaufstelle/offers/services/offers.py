"""Editing offers: directly by coordinators, as a proposal by partners (approved by the coordinator),
marking an offer as checked, and reminding editors of offers nobody checked for a long time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anlaufstelle.core.locking import lock
from anlaufstelle.core.models import AuditAction, Role, User
from anlaufstelle.core.services import audit_record, mail_queue

from ..models import LifeSituation, Offer, OfferChange, OfferLanguage, Topic
from .index import search_index_update

# What the staff form edits; everything else (places, dates, links) is kept by the coordinator.
SCALAR_FIELDS = (
    "name_de",
    "name_de_simple",
    "summary_de",
    "summary_de_simple",
    "description_de",
    "description_de_simple",
    "eligibility_de",
    "next_step_de",
    "cost_description_de",
    "alert_de",
    "status",
    "cost",
    "cost_amount",
    "walk_in",
    "by_appointment",
    "online",
    "email",
    "phone",
    "website",
    "valid_from",
    "valid_until",
)
TEXT_SUFFIXES = ("_de", "_de_simple")


class OfferEditError(Exception):
    """A change that cannot be made; the message is for the editor."""


@dataclass(frozen=True)
class OfferSaved:
    offer: Offer
    applied: bool  # False: waits for approval


def _serialisable(name: str, value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None and name.endswith(TEXT_SUFFIXES):  # translation columns hold None where the form holds ""
        return ""
    return value


def offer_values(offer: Offer) -> dict[str, Any]:
    """The editable values of an offer, as the staff form and a proposal hold them (its relations
    read through ``.all()``, so a list of offers prefetches them once)."""
    values = {name: _serialisable(name, getattr(offer, name)) for name in SCALAR_FIELDS}
    if offer.pk:
        values["topics"] = sorted(topic.pk for topic in offer.topics.all())
        values["life_situations"] = sorted(situation.pk for situation in offer.life_situations.all())
        values["languages"] = sorted(language.code for language in offer.languages.all())
    else:
        values.update(topics=[], life_situations=[], languages=[])
    return values


def _apply(offer: Offer, values: dict[str, Any]) -> None:
    for name in SCALAR_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if name in {"valid_from", "valid_until"} and isinstance(value, str):
            value = dt.date.fromisoformat(value) if value else None
        if name == "cost_amount" and value not in (None, ""):
            value = Decimal(str(value))
        setattr(offer, name, "" if value is None and name.endswith(TEXT_SUFFIXES) else value)
    if not getattr(offer, "name_de", ""):
        raise OfferEditError(_("Bitte geben Sie einen Titel an."))
    if offer.cost == Offer.Cost.FREE:
        offer.cost_amount = None
    offer.full_clean(exclude=["topics", "life_situations", "places", "organisation", "last_checked_by"])
    offer.save()
    if "topics" in values:
        offer.topics.set(Topic.objects.filter(pk__in=values["topics"]))
    if "life_situations" in values:
        offer.life_situations.set(LifeSituation.objects.filter(pk__in=values["life_situations"]))
    if "languages" in values:
        OfferLanguage.objects.filter(offer=offer).exclude(code__in=values["languages"]).delete()
        existing = set(OfferLanguage.objects.filter(offer=offer).values_list("code", flat=True))
        OfferLanguage.objects.bulk_create(
            [
                OfferLanguage(offer=offer, code=code, tenant_id=offer.tenant_id)
                for code in values["languages"]
                if code not in existing
            ]
        )


def needs_approval(editor: User) -> bool:
    return editor.role == Role.PARTNER_EDITOR and settings.OFFERS_PARTNER_CHANGES_NEED_APPROVAL


def _audit(*, actor: User, action: AuditAction, obj: Offer | OfferChange, fields: list[str]) -> None:
    """One audit entry naming the changed fields (never their values)."""
    audit_record(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        details={"fields": fields},
    )


def _changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(name for name, value in after.items() if before.get(name) != value)


@transaction.atomic
def offer_save(*, offer: Offer | None, organisation_id: int, values: dict[str, Any], editor: User) -> OfferSaved:
    """Create or change an offer. A partner's change waits for approval (the live offer stays as
    it is); a partner's new offer stays unpublished until approved. Counts as a check."""
    if editor.role == Role.PARTNER_EDITOR and editor.organisation_id != organisation_id:
        raise OfferEditError(_("Sie können nur Angebote Ihrer eigenen Organisation bearbeiten."))
    approval = needs_approval(editor)
    today = timezone.localdate()
    if offer is None:
        offer = Offer(
            organisation_id=organisation_id,
            publication=Offer.Publication.PENDING if approval else Offer.Publication.PUBLISHED,
            last_checked_on=today,
            last_checked_by=editor,
        )
        _apply(offer, values)
        action, fields = AuditAction.CREATE, sorted(values)
    elif approval and offer.publication == Offer.Publication.PUBLISHED:
        fields = _changed_fields(offer_values(offer), values)
        if not fields:
            offer_mark_checked(offer=offer, user=editor)
            return OfferSaved(offer=offer, applied=True)
        OfferChange.objects.filter(offer=offer, state=OfferChange.State.PENDING).delete()
        change = OfferChange.objects.create(
            offer=offer, proposed={name: values[name] for name in fields}, author=editor
        )
        _audit(actor=editor, action=AuditAction.CREATE, obj=change, fields=fields)
        return OfferSaved(offer=offer, applied=False)
    else:
        fields = _changed_fields(offer_values(offer), values)
        offer.last_checked_on, offer.last_checked_by = today, editor
        _apply(offer, values)
        action = AuditAction.CHANGE
    _audit(actor=editor, action=action, obj=offer, fields=fields)
    search_index_update(offer_ids=[offer.pk])
    return OfferSaved(offer=offer, applied=offer.publication == Offer.Publication.PUBLISHED)


@transaction.atomic
def offer_change_decide(*, change: OfferChange, approve: bool, decided_by: User, comment: str = "") -> None:
    """Apply (or reject) a partner's proposal; the offer then counts as checked today."""
    locked = lock(OfferChange.objects.filter(pk=change.pk)).get()
    if locked.state != OfferChange.State.PENDING:
        raise OfferEditError(_("Über diesen Vorschlag wurde schon entschieden."))
    if approve:
        offer = locked.offer
        offer.last_checked_on, offer.last_checked_by = timezone.localdate(), locked.author
        _apply(offer, {**offer_values(offer), **locked.proposed})
        search_index_update(offer_ids=[offer.pk])
    locked.state = OfferChange.State.APPROVED if approve else OfferChange.State.REJECTED
    locked.decided_by, locked.decided_at, locked.comment = decided_by, timezone.now(), comment
    locked.save(update_fields=["state", "decided_by", "decided_at", "comment"])
    _audit(actor=decided_by, action=AuditAction.CHANGE, obj=locked, fields=["state"])


@transaction.atomic
def offer_publish(*, offer: Offer, decided_by: User) -> None:
    """Approve a partner's new offer: it becomes public."""
    if offer.publication != Offer.Publication.PENDING:
        raise OfferEditError(_("Dieses Angebot wartet nicht auf Freigabe."))
    offer.publication = Offer.Publication.PUBLISHED
    offer.save(update_fields=["publication", "updated_at"])
    search_index_update(offer_ids=[offer.pk])
    _audit(actor=decided_by, action=AuditAction.CHANGE, obj=offer, fields=["publication"])


@transaction.atomic
def offer_mark_checked(*, offer: Offer, user: User) -> None:
    """The editor confirms the offer is still correct as it is."""
    offer.last_checked_on, offer.last_checked_by, offer.reminder_sent_on = timezone.localdate(), user, None
    offer.save(update_fields=["last_checked_on", "last_checked_by", "reminder_sent_on", "updated_at"])
    _audit(actor=user, action=AuditAction.CHANGE, obj=offer, fields=["last_checked_on"])


@transaction.atomic
def offers_remind_unchecked(*, today: dt.date | None = None) -> int:
    """One mail per editor listing their offers not checked within the interval; returns mails queued.

    Partner editors get their organisation's offers, coordinators the offers of organisations
    without a partner editor. An offer is reminded of again after ``reminder_repeat_days``.
    """
    today = today or timezone.localdate()
    stale = list(
        Offer.objects.filter(last_checked_on__lte=today - dt.timedelta(days=settings.OFFERS_CHECK_INTERVAL_DAYS))
        .exclude(status=Offer.Status.DEFUNCT)
        .exclude(reminder_sent_on__gt=today - dt.timedelta(days=settings.OFFERS_REMINDER_REPEAT_DAYS))
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )
    if not stale:
        return 0
    editors = list(
        User.objects.filter(is_active=True, role__in=[Role.PARTNER_EDITOR, Role.COORDINATOR]).exclude(email="")
    )
    partners: dict[int, list[User]] = defaultdict(list)
    for user in editors:
        if user.role == Role.PARTNER_EDITOR and user.organisation_id:
            partners[user.organisation_id].append(user)
    coordinators = [user for user in editors if user.role == Role.COORDINATOR]
    per_user: dict[int, tuple[User, list[Offer]]] = {}
    for offer in stale:
        for user in partners.get(offer.organisation_id) or coordinators:
            per_user.setdefault(user.pk, (user, []))[1].append(offer)
    for user, offers in per_user.values():
        with translation.override(user.preferred_language or "de"):
            context = {"user": user, "offers": offers, "interval": settings.OFFERS_CHECK_INTERVAL_DAYS}
            mail_queue(
                to=[user.email],
                subject=_("Bitte prüfen Sie Ihre Angebote im Wegweiser"),
                body_text=render_to_string("offers/mail/check_reminder.txt", context),
                topic="offers.check_reminder",
            )
    Offer.objects.filter(pk__in=[offer.pk for offer in stale]).update(reminder_sent_on=today)
    return len(per_user)
