"""Who may do what: every permission of the application, in one place (django-rules).

Views ask ``user.has_perm("core.<permission>", obj)``; nothing else checks roles.
Later capabilities add their permissions in their own ``rules.py`` with these predicates.
"""

from __future__ import annotations

from typing import Any

import rules

from .models import Role


def has_role(*roles: str) -> Any:
    name = "has_role:" + ",".join(roles)

    @rules.predicate(name)
    def predicate(user: Any) -> bool:
        return bool(user.is_authenticated and user.is_active and getattr(user, "role", None) in roles)

    return predicate


is_admin = has_role(Role.ADMINISTRATOR)
is_lead = has_role(Role.LEAD)
is_caseworker = has_role(Role.CASEWORKER)
is_front_desk = has_role(Role.FRONT_DESK)
is_coordinator = has_role(Role.COORDINATOR)
is_partner_editor = has_role(Role.PARTNER_EDITOR)
is_volunteer = has_role(Role.VOLUNTEER)
is_statistician = has_role(Role.STATISTICIAN)
is_staff_member = has_role(*Role.values)

# Staff area: everyone with a role has a start page there.
rules.add_perm("core.view_staff_area", is_staff_member)
# Personal data of newcomers: only the office roles that serve them.
rules.add_perm("core.view_person", is_lead | is_caseworker | is_front_desk)
rules.add_perm("core.change_person", is_caseworker | is_front_desk)
# The audit log: searchable by the head of office (and the administrator who runs it).
rules.add_perm("core.view_auditlog", is_lead | is_admin)
# Staff accounts and the office's structure (sections, budgeted positions).
rules.add_perm("core.manage_users", is_admin)
rules.add_perm("core.view_organisation", is_lead | is_admin)
# Public content of the tenant and its translations.
rules.add_perm("core.manage_content", is_admin | is_coordinator | is_lead)
# The outbox (delivery state of mail, not its content).
rules.add_perm("core.view_outbox", is_admin)
# The Django admin: configuration. The administrator, and the lead for the capacity model.
rules.add_perm("core.use_admin", is_admin | is_lead)

# Appointments: the lead configures capacity; desk and caseworkers book for people (audited).
rules.add_perm("appointments.manage_capacity", is_admin | is_lead)
rules.add_perm("appointments.view_booking", is_lead | is_caseworker | is_front_desk)
rules.add_perm("appointments.change_booking", is_lead | is_caseworker | is_front_desk)
rules.add_perm("appointments.view_booking_patterns", is_lead | is_admin)
