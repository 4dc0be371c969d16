"""Who may do what at the front desk (django-rules, loaded by rules' autodiscovery)."""

from __future__ import annotations

from typing import Any

import rules

from anlaufstelle.core.rules import is_admin, is_caseworker, is_front_desk, is_lead


@rules.predicate
def works_the_section(user: Any, item: Any) -> bool:
    """A caseworker handles the contact requests of their own sections; unrouted ones go to
    the front desk."""
    if item is None:
        return True
    section_id = getattr(item, "section_id", None)
    return section_id is not None and user.sections.filter(pk=section_id).exists()


# The desk: check-in, walk-in tickets, printing.
rules.add_perm("frontdesk.use_desk", is_front_desk | is_lead)
# A counter: call, serve, transfer.
rules.add_perm("frontdesk.use_workstation", is_caseworker | is_lead)
# Queue figures and a ticket's page.
rules.add_perm("frontdesk.view_queue", is_front_desk | is_lead | is_caseworker)
# Callback queue and contact messages: desk and lead all, caseworkers those of their sections.
rules.add_perm("frontdesk.work_contact", is_front_desk | is_lead | is_caseworker)
rules.add_perm("frontdesk.handle_contact", is_front_desk | is_lead | (is_caseworker & works_the_section))
# Queue rules are configured in the admin.
rules.add_perm("frontdesk.manage_rules", is_admin | is_lead)
