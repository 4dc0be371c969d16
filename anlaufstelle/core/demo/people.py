"""Demo step: newcomers (synthetic personal data) in Musterstadt."""

from __future__ import annotations

import datetime as dt

from ..models import Person
from ..tenancy import tenant_context
from .context import DemoContext
from .data.names import NEWCOMER_POOLS
from .staff import NameDrawer, ascii_slug
from .tenants import MUSTERSTADT

PERSON_COUNT = 30
# Numbers reserved by the Federal Network Agency for fiction (030 23125 000-999).
FICTIONAL_PHONE_PREFIX = "+49 30 23125 "
BORN_FROM = dt.date(1962, 1, 1)
BORN_UNTIL = dt.date(2006, 12, 31)


def load_persons(ctx: DemoContext) -> None:
    """Thirty newcomers from the main countries of origin, each with a preferred language.

    Created directly, not through ``person_create``: loading demo data is not an access to
    personal data by a member of staff, so it leaves no audit entries.
    """
    tenant = ctx.tenants[MUSTERSTADT]
    rng = ctx.rng("persons")
    drawer = NameDrawer(rng, NEWCOMER_POOLS)
    span = (BORN_UNTIL - BORN_FROM).days
    persons = []
    for index in range(PERSON_COUNT):
        given, family, pool = drawer.draw()
        person = Person(
            tenant=tenant,
            given_names=given,
            family_name=family,
            date_of_birth=BORN_FROM + dt.timedelta(days=rng.randint(0, span)),
            preferred_language=rng.choice(pool.languages),
        )
        if rng.random() < 0.7:
            person.email = f"{ascii_slug(f'{given}.{family}')}@example.net"
        if rng.random() < 0.6:
            person.phone = f"{FICTIONAL_PHONE_PREFIX}{index:03d}"
        persons.append(person)
    with tenant_context(tenant):
        Person.objects.bulk_create(persons)
    ctx.count("Personen", len(persons))
