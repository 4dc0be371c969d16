"""Queue rules in the Django admin for the lead; the event log read-only."""

from __future__ import annotations

from django.contrib import admin

from anlaufstelle.core.admin import ReadOnlyAdmin, RoleAdmin, admin_site

from .models import QueueRule, ServiceDeskRule, TicketEvent


class FrontdeskRuleAdmin(RoleAdmin):
    permission = "frontdesk.manage_rules"


@admin.register(QueueRule, site=admin_site)
class QueueRuleAdmin(FrontdeskRuleAdmin):
    list_display = [
        "section",
        "prefix",
        "early_minutes",
        "late_minutes",
        "walk_in_cutoff",
        "calls_before_no_show",
        "emergency_first",
        "disability_first",
    ]


@admin.register(ServiceDeskRule, site=admin_site)
class ServiceDeskRuleAdmin(FrontdeskRuleAdmin):
    list_display = ["service", "walk_in", "max_tickets_per_day"]
    list_filter = ["walk_in"]


@admin.register(TicketEvent, site=admin_site)
class TicketEventAdmin(ReadOnlyAdmin):
    permission = "frontdesk.manage_rules"
    list_display = ["at", "kind", "ticket", "section", "counter"]
    list_filter = ["kind", "section"]
