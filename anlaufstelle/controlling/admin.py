"""Thresholds in the Django admin for the lead; snapshots read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from anlaufstelle.core.admin import ReadOnlyAdmin, RoleAdmin, admin_site

from .kpis import CATALOGUE
from .models import LeadTimeSnapshot, Threshold


class ThresholdForm(forms.ModelForm):
    kpi = forms.ChoiceField(choices=[(kpi.key, f"{kpi.label} ({kpi.unit})") for kpi in CATALOGUE])

    class Meta:
        model = Threshold
        fields = ["kpi", "direction", "limit", "section", "notify", "is_active"]


@admin.register(Threshold, site=admin_site)
class ThresholdAdmin(RoleAdmin):
    permission = "controlling.manage_thresholds"
    form = ThresholdForm
    list_display = ["kpi", "direction", "limit", "section", "is_active", "breached_since"]


@admin.register(LeadTimeSnapshot, site=admin_site)
class LeadTimeSnapshotAdmin(ReadOnlyAdmin):
    permission = "controlling.manage_thresholds"
    list_display = ["day", "service", "location", "lead_days", "window_days"]
    list_filter = ["service"]
