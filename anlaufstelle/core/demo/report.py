"""What the demo command prints: the logins, how to reach the demo, what was loaded."""

from __future__ import annotations

from base64 import b32encode

from .context import DEMO_PASSWORD, DemoContext, DemoLogin

URLS = {
    "musterstadt": "http://127.0.0.1:8000/",
    "beispielheim": "http://beispielheim.localhost:8000/",
}


def totp_secret(login: DemoLogin) -> str:
    return b32encode(login.device.bin_key).decode()


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


def format_report(ctx: DemoContext, seconds: float) -> str:
    """A readable summary: counts, URLs, a table of the role logins with their TOTP secrets."""
    personas = [login for login in ctx.logins if login.persona]
    others = [login for login in ctx.logins if not login.persona]
    counts = ", ".join(f"{number} {label}" for label, number in ctx.counts.items())
    lines = [
        f"Demo-Stadt geladen (Seed {ctx.seed}, {seconds:.1f} s): {counts}.",
        "",
        "Adressen:",
        *(f"  {ctx.tenants[slug].name:<14}{url}" for slug, url in URLS.items() if slug in ctx.tenants),
        "",
        "Anmeldungen (alle mit demselben Passwort; zweiter Faktor: TOTP):",
        *(
            "  " + line
            for line in _table(
                [["Mandant", "Benutzername", "Rolle", "Passwort", "TOTP-Secret (Base32)"]]
                + [
                    [
                        login.tenant.slug,
                        login.user.username,
                        login.user.get_role_display(),
                        DEMO_PASSWORD,
                        totp_secret(login),
                    ]
                    for login in personas
                ]
            )
        ),
        "",
        "otpauth-URIs (für eine Authenticator-App, z. B. als QR-Code):",
        *(f"  {login.tenant.slug}/{login.user.username}: {login.device.config_url}" for login in personas),
        "",
        f"Dazu {len(others)} weitere Beschäftigte mit Planstelle (gleiches Passwort), z. B. "
        + ", ".join(f"{login.tenant.slug}/{login.user.username}" for login in others[:4])
        + ".",
        "Im Demo-Betrieb (ANLAUFSTELLE_DEMO_MODE) zeigt die Anmeldeseite nach dem Passwort den "
        "aktuellen TOTP-Code an; eine Authenticator-App ist dann nicht nötig.",
    ]
    return "\n".join(lines)
