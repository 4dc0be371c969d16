"""Permissions of the directory (django-rules), with the predicates of ``core.rules``."""

from __future__ import annotations

from typing import Any

import rules

from anlaufstelle.core.rules import is_admin, is_coordinator, is_partner_editor


@rules.predicate
def edits_for_organisation(user: Any, offer: Any) -> bool:
    """A partner editor edits only the offers of their own organisation."""
    return offer is not None and user.organisation_id is not None and offer.organisation_id == user.organisation_id


# The staff pages of the directory: the coordinator keeps the whole network, partners their own.
rules.add_perm("offers.edit_offers", is_coordinator | is_admin | is_partner_editor)
rules.add_perm("offers.change_offer", is_coordinator | is_admin | (is_partner_editor & edits_for_organisation))
# Approving partners' changes, and importing whole data sets.
rules.add_perm("offers.approve_changes", is_coordinator | is_admin)
rules.add_perm("offers.import_offers", is_coordinator | is_admin)
