"""Who may see the office's figures (django-rules, loaded by rules' autodiscovery)."""

from __future__ import annotations

import rules

from anlaufstelle.core.rules import is_admin, is_lead

# The dashboard, its exports, the period comparison and the QR codes of the counters.
rules.add_perm("controlling.view_dashboard", is_lead | is_admin)
# Thresholds are set in the admin.
rules.add_perm("controlling.manage_thresholds", is_lead | is_admin)
