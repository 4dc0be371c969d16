"""Links that leave the site (in mails) and the tokens they carry.

A link to a person's booking or request carries a token signed with the site's secret key
(HMAC-SHA256, salted per kind of link): ids inside are useless without the key, so no link
can be guessed or made up, and any later mail (a reminder, a resend by staff) can carry it
again without storing anything. A token of one kind is refused for another kind.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from .tenancy import require_tenant


def link_token(kind: str, value: str | int) -> str:
    """A token for ``value`` (an id or code) usable only in links of ``kind``."""
    return signing.Signer(salt=f"anlaufstelle.link.{kind}").sign(str(value))


def link_value(kind: str, token: str) -> str:
    """The value inside a token of ``kind``; raises signing.BadSignature for anything else."""
    return signing.Signer(salt=f"anlaufstelle.link.{kind}").unsign(token.strip())


def absolute_url(path: str) -> str:
    """``path`` on the current tenant's first host name (scheme and port from settings)."""
    tenant = require_tenant()
    hosts = tenant.hostname_list
    host = hosts[0] if hosts else "localhost"
    port = f":{settings.ANLAUFSTELLE_URL_PORT}" if settings.ANLAUFSTELLE_URL_PORT else ""
    return f"{settings.ANLAUFSTELLE_URL_SCHEME}://{host}{port}{path}"
