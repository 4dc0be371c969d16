"""Organisations of Musterstadt's local network (providers, partners, actors)."""

from __future__ import annotations

from ...models import Organisation

K = Organisation.Kind

# (key, name, kind, domain); e-mail and website are derived from the domain.
ORGANISATIONS: list[tuple[str, str, Organisation.Kind, str]] = [
    ("ki", "Kommunales Integrationszentrum Musterstadt", K.CITY, "ki.musterstadt.example"),
    ("vhs", "Volkshochschule Musterstadt – Integrationskurse", K.CITY, "vhs-musterstadt.example"),
    ("jobcenter", "Jobcenter Musterstadt", K.JOB_CENTRE, "jobcenter-musterstadt.example"),
    (
        "arbeitsagentur",
        "Agentur für Arbeit Musterstadt – Welcome Center",
        K.JOB_CENTRE,
        "arbeitsagentur-musterstadt.example",
    ),
    ("caritas", "Caritas Migrationsberatung für Erwachsene (MBE)", K.COUNSELLING, "caritas-musterstadt.example"),
    ("diakonie", "Diakonie Musterstadt – Jugendmigrationsdienst", K.COUNSELLING, "diakonie-musterstadt.example"),
    ("awo", "AWO Flüchtlings- und Rückkehrberatung", K.COUNSELLING, "awo-musterstadt.example"),
    ("iq", "IQ Netzwerk – Anerkennungs- und Qualifizierungsberatung", K.COUNSELLING, "iq-ruhr.example"),
    ("ihk", "IHK Musterstadt-Ruhr", K.CHAMBER, "ihk-musterstadt.example"),
    ("hwk", "Handwerkskammer Musterstadt", K.CHAMBER, "hwk-musterstadt.example"),
    (
        "hochschule",
        "Hochschule Musterstadt – International Office und Welcome Centre",
        K.UNIVERSITY,
        "hs-musterstadt.example",
    ),
    ("fluechtlingshilfe", "Flüchtlingshilfe Musterstadt e. V.", K.ASSOCIATION, "fluechtlingshilfe-musterstadt.example"),
    ("drk", "DRK-Kreisverband Musterstadt", K.ASSOCIATION, "drk-musterstadt.example"),
    ("dtkv", "Deutsch-Türkischer Kulturverein Musterstadt e. V.", K.MIGRANT_ORGANISATION, "dtkv-musterstadt.example"),
    (
        "ukraine",
        "Ukrainische Gemeinde Musterstadt e. V.",
        K.MIGRANT_ORGANISATION,
        "ukrainische-gemeinde-musterstadt.example",
    ),
    ("sankofa", "Afrikanischer Frauenverein Sankofa e. V.", K.MIGRANT_ORGANISATION, "sankofa-musterstadt.example"),
]

# The organisation the partner login ("partner") edits offers for.
PARTNER_ORGANISATION = "caritas"
