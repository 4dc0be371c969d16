"""Django admin for the administrator role: configuration data of the own tenant only.

People's data is deliberately not in the admin: it is read and changed in the staff area,
where every access is audited.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .i18n import translation_fields_changed, translation_mark_current
from .models import AuditEntry, District, OpeningHours, Organisation, OutboxMessage, Position, Section, Tenant, User


class AnlaufstelleAdminSite(admin.AdminSite):
    site_header = _("Anlaufstelle – Verwaltung")
    site_title = _("Anlaufstelle")
    index_title = _("Einstellungen")
    login_template = None

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        verified = user.is_verified() if settings.ANLAUFSTELLE_REQUIRE_2FA else True  # type: ignore[union-attr]
        return bool(user.is_active and user.has_perm("core.use_admin") and verified)

    def login(self, request: HttpRequest, extra_context: Any = None) -> Any:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())


admin_site = AnlaufstelleAdminSite(name="admin")


class RoleAdmin(admin.ModelAdmin):
    """Configuration models, managed by the roles that hold ``permission`` (rules grant nothing
    else): the administrator by default; capabilities name their own (e.g. the lead's capacity)."""

    permission = "core.manage_users"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(self.permission)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(self.permission)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(self.permission)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(self.permission)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(self.permission)


class TranslatedAdmin(RoleAdmin, TranslationAdmin):
    """Saving a translation in the admin marks it as translating the current German text."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = form.initial if change else {}
        for language, fields in translation_fields_changed(before=before, instance=obj).items():
            translation_mark_current(instance=obj, language=language, fields=fields)
        super().save_model(request, obj, form, change)


@admin.register(Tenant, site=admin_site)
class TenantAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "federal_state", "is_active"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).filter(pk=request.tenant.pk)  # type: ignore[attr-defined]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Section, site=admin_site)
class SectionAdmin(TranslatedAdmin):
    list_display = ["code", "name"]


@admin.register(OpeningHours, site=admin_site)
class OpeningHoursAdmin(TranslatedAdmin):
    list_display = ["weekday", "opens", "closes", "note"]


@admin.register(Position, site=admin_site)
class PositionAdmin(RoleAdmin):
    list_display = ["title", "section", "fte", "holder", "vacant_since"]
    list_filter = ["section"]


@admin.register(District, site=admin_site)
class DistrictAdmin(RoleAdmin):
    list_display = ["number", "name"]


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(RoleAdmin):
    list_display = ["name", "kind", "email"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(User, site=admin_site)
class UserAdmin(RoleAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email", "preferred_language")}),
        (_("Rolle"), {"fields": ("role", "sections", "organisation", "is_active")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "role", "email", "password1", "password2")}),)
    filter_horizontal = ["sections"]


class ReadOnlyAdmin(RoleAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry, site=admin_site)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_username", "action", "object_type", "object_id", "person_id"]
    list_filter = ["action", "object_type"]


@admin.register(OutboxMessage, site=admin_site)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "topic", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    exclude = ["recipients", "body_text", "body_html", "attachments", "subject"]
