"""The capacity model in the Django admin, for the lead and the administrator."""

from __future__ import annotations

from django.contrib import admin

from anlaufstelle.core.admin import RoleAdmin, TranslatedAdmin, admin_site

from .models import AvailabilityException, Counter, Location, Service, WeeklyAvailability

CAPACITY = "appointments.manage_capacity"


class CounterInline(admin.TabularInline):
    model = Counter
    extra = 0


@admin.register(Location, site=admin_site)
class LocationAdmin(TranslatedAdmin):
    permission = CAPACITY
    list_display = ["name", "street", "emergency_share", "emergency_release_time"]
    inlines = [CounterInline]


@admin.register(Service, site=admin_site)
class ServiceAdmin(TranslatedAdmin):
    permission = CAPACITY
    list_display = ["name", "section", "duration_minutes", "booking_mode", "earliest_days", "latest_days", "is_active"]
    list_filter = ["section", "booking_mode", "is_active"]
    search_fields = ["name"]
    filter_horizontal = ["qualified_staff"]


@admin.register(WeeklyAvailability, site=admin_site)
class WeeklyAvailabilityAdmin(RoleAdmin):
    permission = CAPACITY
    list_display = ["staff", "location", "weekday", "starts", "ends", "valid_from", "valid_until"]
    list_filter = ["location", "weekday"]


@admin.register(AvailabilityException, site=admin_site)
class AvailabilityExceptionAdmin(RoleAdmin):
    permission = CAPACITY
    list_display = ["kind", "staff", "location", "starts_at", "ends_at", "note"]
    list_filter = ["kind", "location"]
