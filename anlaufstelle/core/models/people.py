"""Staff users with their role, and the people (newcomers) whose data the office holds."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from ..tenancy import CurrentTenantCondition, TenantOwned


class Role(models.TextChoices):
    ADMINISTRATOR = "admin", _("Administration")
    LEAD = "lead", _("Leitung")
    CASEWORKER = "caseworker", _("Sachbearbeitung")
    FRONT_DESK = "frontdesk", _("Empfang / Infotheke")
    COORDINATOR = "coordinator", _("Integrationsbeauftragte*r")
    PARTNER_EDITOR = "partner", _("Partnerorganisation")
    VOLUNTEER = "volunteer", _("Ehrenamt (Pate / Patin)")
    STATISTICIAN = "statistician", _("Statistikstelle")


class TenantUserManager(UserManager["User"]):
    """Django's user manager, scoped to the current tenant like every other model."""

    def get_queryset(self) -> models.QuerySet[User]:
        return super().get_queryset().filter(CurrentTenantCondition("tenant"))


class User(TenantOwned, AbstractUser):
    """A staff member (or volunteer) of one tenant. Usernames are unique per tenant."""

    username = models.CharField(_("Benutzername"), max_length=150)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    sections = models.ManyToManyField(
        "core.Section", blank=True, related_name="caseworkers", verbose_name=_("Sachgebiete")
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editors",
        verbose_name=_("Organisation"),
    )
    preferred_language = models.CharField(_("Sprache der Oberfläche"), max_length=10, default="de")

    objects = TenantUserManager()  # type: ignore[assignment,misc]

    REQUIRED_FIELDS = ["email", "role"]

    class Meta:
        verbose_name = _("Benutzer*in")
        verbose_name_plural = _("Benutzer*innen")
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "username"], name="username_per_tenant"),
            models.CheckConstraint(
                condition=~models.Q(role="partner") | models.Q(organisation__isnull=False),
                name="partner_editor_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Person(TenantOwned):
    """A newcomer whose data the office holds. Every read and change is audited."""

    given_names = models.CharField(_("Vornamen"), max_length=150)
    family_name = models.CharField(_("Familienname"), max_length=150)
    date_of_birth = models.DateField(_("Geburtsdatum"), null=True, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    preferred_language = models.CharField(_("bevorzugte Sprache"), max_length=10, default="de")
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["family_name", "given_names"]
        indexes = [
            models.Index(fields=["tenant", "family_name", "given_names"]),
            # Online bookings look people up by e-mail, case-insensitively (``email__iexact``).
            models.Index(Upper("email"), name="person_email_upper"),
        ]

    def __str__(self) -> str:
        return f"{self.family_name}, {self.given_names}"
