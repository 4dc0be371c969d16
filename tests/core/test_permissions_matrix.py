"""Every staff URL, walked with every persona: who is let in, who gets 403, who must log in.

Adding a staff URL without adding it here fails ``test_every_staff_url_is_in_the_matrix``.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from ..conftest import PERSONA_NAMES, Personas
from ..factories import (
    BookingFactory,
    CallbackRequestFactory,
    ContactMessageFactory,
    MonthlyReportFactory,
    OfferFactory,
    PersonFactory,
    TicketFactory,
)

OFFICE_PEOPLE = {"lead", "caseworker", "other_caseworker", "frontdesk"}
EVERY_ROLE = set(PERSONA_NAMES)

# url name -> personas allowed (everyone else signed in gets 403, anonymous goes to login)
MATRIX: dict[str, set[str]] = {
    "core:staff_home": EVERY_ROLE,
    "core:person_list": OFFICE_PEOPLE,
    "core:person_detail": OFFICE_PEOPLE,
    "core:person_create": {"caseworker", "other_caseworker", "frontdesk"},
    "core:person_edit": {"caseworker", "other_caseworker", "frontdesk"},
    "core:audit_log": {"lead", "admin"},
    "core:user_list": {"admin"},
    "core:organisation": {"lead", "admin"},
    "core:outbox": {"admin"},
    "core:content_list": {"admin", "coordinator", "lead"},
    "core:content_edit": {"admin", "coordinator", "lead"},
    "admin:index": {"admin", "lead"},
    "appointments:staff_day": OFFICE_PEOPLE,
    "appointments:staff_new": OFFICE_PEOPLE,
    "appointments:staff_detail": OFFICE_PEOPLE,
    "appointments:staff_patterns": {"lead", "admin"},
    "offers:staff_list": {"coordinator", "admin", "partner"},
    "offers:staff_create": {"coordinator", "admin", "partner"},
    "offers:staff_edit": {"coordinator", "admin", "partner"},
    "offers:staff_approvals": {"coordinator", "admin"},
    "offers:staff_import": {"coordinator", "admin"},
    "frontdesk:desk": {"lead", "frontdesk"},
    "frontdesk:check_in": {"lead", "frontdesk"},
    "frontdesk:check_in_search": {"lead", "frontdesk"},
    "frontdesk:ticket_new": {"lead", "frontdesk"},
    "frontdesk:ticket_detail": OFFICE_PEOPLE,
    "frontdesk:ticket_print": {"lead", "frontdesk"},
    "frontdesk:queues": OFFICE_PEOPLE,
    "frontdesk:workstation": {"lead", "caseworker", "other_caseworker"},
    "frontdesk:callbacks": OFFICE_PEOPLE,
    "frontdesk:messages": OFFICE_PEOPLE,
    # a request of the caseworker's own section: the caseworker of another section may not open it
    "frontdesk:callback_detail": {"lead", "frontdesk", "caseworker"},
    "frontdesk:message_detail": {"lead", "frontdesk", "caseworker"},
    "controlling:dashboard": {"lead", "admin"},
    "controlling:export": {"lead", "admin"},
    "controlling:comparison": {"lead", "admin"},
    "controlling:counter_codes": {"lead", "admin"},
    "controlling:planning": {"lead", "admin"},
    "controlling:reports": {"lead", "admin"},
    "controlling:report": {"lead", "admin"},
    "controlling:report_pdf": {"lead", "admin"},
}
NOT_PERMISSION_CHECKED = {"core:login", "core:login_code", "core:totp_setup", "core:logout"}


def _staff_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list, namespace: str, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and p.name:
                route = prefix + str(p.pattern)
                if "mitarbeit/" in route:
                    names.add(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns, "", "")
    return names


def test_every_staff_url_is_in_the_matrix() -> None:
    assert _staff_url_names() - set(MATRIX) - NOT_PERMISSION_CHECKED == set()


def _url(name: str, personas: Personas) -> str:
    from django.urls import reverse

    if name in {"core:person_detail", "core:person_edit"}:
        return reverse(name, kwargs={"pk": PersonFactory().pk})
    if name == "appointments:staff_new":
        return reverse(name) + f"?person={PersonFactory().pk}"
    if name == "appointments:staff_detail":
        return reverse(name, kwargs={"pk": BookingFactory().pk})
    if name in {"frontdesk:ticket_detail", "frontdesk:ticket_print"}:
        return reverse(name, kwargs={"pk": TicketFactory().pk})
    if name == "frontdesk:callback_detail":
        return reverse(name, kwargs={"pk": CallbackRequestFactory(section=personas.section).pk})
    if name == "frontdesk:message_detail":
        return reverse(name, kwargs={"pk": ContactMessageFactory(section=personas.section).pk})
    if name == "offers:staff_edit":  # an offer of the partner persona's own organisation
        return reverse(name, kwargs={"pk": OfferFactory(organisation=personas.partner.organisation).pk})
    if name in {"controlling:report", "controlling:report_pdf"}:
        return reverse(name, kwargs={"month": f"{MonthlyReportFactory().month:%Y-%m}"})
    if name == "core:content_edit":
        return reverse(name, kwargs={"model": "section", "pk": personas.section.pk, "language": "en"})
    return reverse(name)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_anonymous_visitors_are_sent_to_the_login(url_name: str, personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(None).get(_url(url_name, personas), follow=True)
    final_url, _status = response.redirect_chain[-1]
    assert final_url.startswith("/mitarbeit/anmelden/?next=")
    assert response.status_code == 200


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_each_persona_reaches_exactly_the_staff_urls_of_its_role(persona: str, personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(getattr(personas, persona))
    outcome = {}
    for url_name in sorted(MATRIX):
        outcome[url_name] = client.get(_url(url_name, personas)).status_code
    expected = {name: 200 if persona in allowed else 403 for name, allowed in MATRIX.items()}
    # the admin site answers a signed-in user without permission with a redirect to login
    if persona not in MATRIX["admin:index"]:
        expected["admin:index"] = 302
    assert outcome == expected
