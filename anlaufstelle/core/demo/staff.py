"""Demo step: staff accounts with a confirmed second factor, and the budgeted positions.

Every account gets the same demo password (one hash, computed once) and a TOTP device whose
key follows from the seed, so the printed secrets stay valid across reloads.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass, field

from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import Organisation, Position, Role, Section, Tenant, User
from ..tenancy import tenant_context
from .context import DemoContext, DemoLogin
from .data import office
from .data.names import STAFF_POOLS, NamePool
from .data.network import PARTNER_ORGANISATION
from .tenants import BEISPIELHEIM, MUSTERSTADT

_GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "ł": "l"})


def ascii_slug(text: str) -> str:
    """``"Ayşe Öztürk"`` -> ``"ayse-oeztuerk"``: lower-case ASCII for user names and e-mail."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_GERMAN_LETTERS))
    text = text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", text).strip("-")


class NameDrawer:
    """Draws distinct realistic names (given and family name from the same pool)."""

    def __init__(
        self,
        rng: random.Random,
        pools: list[tuple[int, NamePool]],
        *,
        female_share: float = 0.5,
        distinct_families: bool = False,
    ) -> None:
        self.rng = rng
        self.weights = [weight for weight, _pool in pools]
        self.pools = [pool for _weight, pool in pools]
        self.female_share = female_share
        self.distinct_families = distinct_families
        self.used: set[tuple[str, str]] = set()

    def draw(self) -> tuple[str, str, NamePool]:
        for attempt in range(1000):
            (pool,) = self.rng.choices(self.pools, weights=self.weights)
            female = self.rng.random() < self.female_share
            given = self.rng.choice(pool.female if female else pool.male)
            family = self.rng.choice(pool.family)
            if "/" in family:
                masculine, feminine = family.split("/")
                family = feminine if female else masculine
            # Colleagues sharing a family name confuse more than they add; allow it only
            # once the pools run short.
            family_taken = self.distinct_families and any(f == family for _g, f in self.used)
            if (given, family) not in self.used and (not family_taken or attempt > 200):
                self.used.add((given, family))
                return given, family, pool
        raise RuntimeError("The name pools are too small for the number of names drawn.")


@dataclass
class StaffMember:
    """An account to create; without ``username`` one is made from the generated name."""

    role: Role
    username: str | None = None
    sections: list[Section] = field(default_factory=list)
    organisation: Organisation | None = None
    user: User | None = None


def _create_accounts(ctx: DemoContext, tenant: Tenant, members: list[StaffMember], personas: list[str]) -> None:
    """Create users, their section memberships and TOTP devices in a few bulk inserts."""
    names = NameDrawer(ctx.rng("staff-names", tenant.slug), STAFF_POOLS, female_share=0.6, distinct_families=True)
    taken = {m.username for m in members if m.username}
    domain = tenant.email.split("@")[-1]
    for member in members:
        first_name, last_name, _pool = names.draw()
        username = member.username
        if username is None:
            base = ascii_slug(f"{first_name}.{last_name}")
            username, number = base, 1
            while username in taken:
                number += 1
                username = f"{base}{number}"
            taken.add(username)
        member.user = User(
            tenant=tenant,
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@{domain}",
            role=member.role,
            organisation=member.organisation,
            password=ctx.password_hash,
        )
    users = [m.user for m in members if m.user is not None]
    User.objects.bulk_create(users)
    User.sections.through.objects.bulk_create(
        [
            User.sections.through(user_id=m.user.pk, section_id=section.pk)
            for m in members
            if m.user is not None
            for section in m.sections
        ]
    )
    devices = [
        TOTPDevice(
            user=user,
            name="Authenticator (Demo)",
            confirmed=True,
            key=ctx.totp_key(tenant, user.username),
        )
        for user in users
    ]
    TOTPDevice.objects.bulk_create(devices)
    order = {username: index for index, username in enumerate(personas)}
    logins = [
        DemoLogin(tenant=tenant, user=user, device=device, persona=user.username in order)
        for user, device in zip(users, devices, strict=True)
    ]
    logins.sort(key=lambda login: (order.get(login.user.username, len(order)), login.user.username))
    ctx.logins.extend(logins)
    ctx.count("Benutzer*innen", len(users))


def _vacant_since(ctx: DemoContext, rng: random.Random) -> dt.date:
    return ctx.today - dt.timedelta(days=rng.randint(*office.VACANCY_DAYS))


def load_musterstadt_staff(ctx: DemoContext) -> None:
    """41 positions (six vacant), their holders, and one login for every other role."""
    tenant = ctx.tenants[MUSTERSTADT]
    all_sections = [ctx.sections[(MUSTERSTADT, spec["code"])] for spec in office.SECTIONS]
    rng = ctx.rng("positions")
    with tenant_context(tenant):
        members: list[StaffMember] = []
        positions: list[tuple[Position, StaffMember | None]] = []
        for spec in office.POSITIONS:
            section = ctx.sections[(MUSTERSTADT, spec.section)] if spec.section else None
            position = Position(tenant=tenant, section=section, title=spec.title, fte=spec.fte)
            holder = None
            if spec.vacant:
                position.vacant_since = _vacant_since(ctx, rng)
            else:
                if section is not None:
                    sections = [section]
                elif spec.role == Role.CASEWORKER:
                    sections = all_sections  # cross-cutting legal work for every section
                else:
                    sections = []
                holder = StaffMember(role=spec.role, username=spec.login, sections=sections)
                members.append(holder)
            positions.append((position, holder))
        partner_organisation = ctx.organisations[(MUSTERSTADT, PARTNER_ORGANISATION)]
        for username, role in office.OTHER_LOGINS:
            organisation = partner_organisation if role == Role.PARTNER_EDITOR else None
            members.append(StaffMember(role=role, username=username, organisation=organisation))
        _create_accounts(ctx, tenant, members, office.PERSONA_ORDER)
        for position, holder in positions:
            position.holder = holder.user if holder else None
        Position.objects.bulk_create([position for position, _holder in positions])
    ctx.count("Planstellen", len(positions))
    ctx.count("davon unbesetzt", sum(1 for _position, holder in positions if holder is None))


def load_beispielheim_staff(ctx: DemoContext) -> None:
    """A handful of accounts with the same user names as in Musterstadt (unique per tenant)."""
    tenant = ctx.tenants[BEISPIELHEIM]
    with tenant_context(tenant):
        members = [
            StaffMember(
                role=role,
                username=username,
                sections=[ctx.sections[(BEISPIELHEIM, code)]] if code else [],
            )
            for username, role, code in office.BEISPIELHEIM_LOGINS
        ]
        _create_accounts(ctx, tenant, members, [u for u, _role, _code in office.BEISPIELHEIM_LOGINS])
