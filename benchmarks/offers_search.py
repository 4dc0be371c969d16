"""Offers search: 20,000 offers with text in six languages; latency of the one search selector
(p50/p95, in-process) for typical queries against the bare full-text query of the same backend as
the floor; the result page over HTTP (Django test client on the same data set, and a real gunicorn
server on the demo city); size of the index; weight of the result page with everything it loads
(first visit, production serving, Chromium). The built data set is cached in ``var/bench-cache/``
(keyed by the code that builds it), so a second run starts in seconds.

Target: p95 <= 30 ms in-process; result page <= 100 KB transferred with everything.
"""

from __future__ import annotations

import logging
import random
import time
import urllib.request
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.support import keep_in_cache, percentile, setup_django_cached, timed

OFFERS = 20_000
REPEAT = 60
TARGET_MS = 30.0
HEADS = [
    "Sprach",
    "Deutsch",
    "Integrations",
    "Migrations",
    "Wohnungs",
    "Miet",
    "Kinder",
    "Hausaufgaben",
    "Bewerbungs",
    "Anerkennungs",
    "Berufs",
    "Schwangerschafts",
    "Gesundheits",
    "Impf",
    "Schwimm",
    "Frauen",
    "Jugend",
    "Eltern",
    "Familien",
    "Nachbarschafts",
    "Begegnungs",
    "Fahrrad",
    "Näh",
    "Computer",
    "Schuldner",
    "Sozial",
    "Rechts",
    "Ausbildungs",
    "Studien",
    "Arbeits",
    "Lern",
    "Koch",
    "Garten",
    "Musik",
    "Sport",
    "Lese",
]
TAILS = [
    "kurs",
    "beratung",
    "hilfe",
    "treff",
    "café",
    "gruppe",
    "werkstatt",
    "sprechstunde",
    "begleitung",
    "vertrag",
    "suche",
    "zentrum",
    "stelle",
    "angebot",
    "projekt",
    "patenschaft",
    "training",
]
# ~600 German compounds plus ~200 words per other language, used with Zipf-like frequencies
WORDS_DE = [head + tail for head in HEADS for tail in TAILS]


def _syllable_words(letters: str, count: int, rng: random.Random) -> list[str]:
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(count)]


_RNG = random.Random(7)
WORDS = {
    "de": WORDS_DE,
    "en": [*_syllable_words("abcdefghiklmnoprstuw", 300, _RNG), "language", "course", "counselling", "housing"],
    "ar": _syllable_words("ابتثجحخدرزسشصعفقكلمنهوي", 300, _RNG),
    "uk": [*_syllable_words("абвгдеєжзиіїклмнопрстуфхцчшщюя", 300, _RNG), "курс", "мова"],
    "tr": _syllable_words("abcçdefgğhıijklmnoöprsştuüvyz", 300, _RNG),
    "fa": _syllable_words("ابپتجچحخدرزژسشصطعغفقکگلمنوهی", 300, _RNG),
}
QUERIES = {
    "single word": "Schuldnerberatung",
    "compound part": "Schwimm",
    "compound written apart": "Schwimm Treff",
    "compound, parts written together": "Lesepatenschaftkurs",
    "typo": "Schuldnerberatnug",
    "other language": "курс",
    # in 121 words of the vocabulary: on SQLite searched by its trigrams, not by the words
    "short fragment, in most offers": "Sch",
}


ROOT = Path(__file__).resolve().parent.parent
CACHE = f"offers-search-{OFFERS}"
# The built data set is kept between runs, keyed by the code that builds it.
CACHED_SOURCES = [
    Path(__file__),
    *sorted((ROOT / "anlaufstelle" / "offers" / "search").glob("*.py")),
    ROOT / "anlaufstelle" / "offers" / "services" / "index.py",
]


def _populate() -> None:
    from django.db import connection

    from anlaufstelle.core.models import District, Organisation, Tenant
    from anlaufstelle.core.tenancy import all_tenants, tenant_context
    from anlaufstelle.offers.models import LifeSituation, Offer, OfferLanguage, OfferPlace, Place, Topic
    from anlaufstelle.offers.services import search_index_rebuild

    rng = random.Random(42)
    started = time.perf_counter()
    with all_tenants():
        tenant = Tenant.objects.create(slug="bench", name="Bench", name_de="Bench", hostnames="bench.localhost")
    with tenant_context(tenant):
        topics = Topic.objects.bulk_create(
            Topic(tenant=tenant, code=f"t{i}", name=f"Thema {i}", name_de=f"Thema {i}") for i in range(10)
        )
        situations = LifeSituation.objects.bulk_create(
            LifeSituation(tenant=tenant, code=f"l{i}", name=f"Lage {i}", name_de=f"Lage {i}") for i in range(6)
        )
        districts = District.objects.bulk_create(
            District(tenant=tenant, number=i, name=f"Stadtteil {i}", geometry={"type": "Polygon", "coordinates": []})
            for i in range(1, 11)
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(tenant=tenant, name=f"Träger {i}") for i in range(200)
        )
        places = Place.objects.bulk_create(
            Place(tenant=tenant, name=f"Ort {i}", name_de=f"Ort {i}", street=f"Straße {i}", district=districts[i % 10])
            for i in range(400)
        )

        weights = {code: [1 / (rank + 1) for rank in range(len(words))] for code, words in WORDS.items()}

        def sentence(code: str, n: int) -> str:
            return " ".join(rng.choices(WORDS[code], weights[code], k=n))

        offers = []
        for i in range(OFFERS):
            offer = Offer(tenant=tenant, organisation=organisations[i % 200], cost=rng.choice(["free", "paid"]))
            offer.name = sentence("de", 3) + f" {i}"  # the German source column, as the active language is German
            offer.summary = sentence("de", 12)
            offer.description = sentence("de", 40)
            for code in ("en", "ar", "uk", "tr", "fa"):
                setattr(offer, f"name_{code}", sentence(code, 3))
                setattr(offer, f"summary_{code}", sentence(code, 12))
            offers.append(offer)
        Offer.objects.bulk_create(offers, batch_size=2000)
        Offer.topics.through.objects.bulk_create(
            (Offer.topics.through(offer_id=o.pk, topic_id=rng.choice(topics).pk) for o in offers), batch_size=5000
        )
        Offer.life_situations.through.objects.bulk_create(
            (Offer.life_situations.through(offer_id=o.pk, lifesituation_id=rng.choice(situations).pk) for o in offers),
            batch_size=5000,
        )
        OfferLanguage.objects.bulk_create(
            (OfferLanguage(tenant=tenant, offer=o, code=rng.choice(["de", "ar", "uk", "en"])) for o in offers),
            batch_size=5000,
        )
        OfferPlace.objects.bulk_create(
            (OfferPlace(tenant=tenant, offer=o, place=rng.choice(places)) for o in offers), batch_size=5000
        )
        print(f"data set: {OFFERS} offers in 6 languages built in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        search_index_rebuild()
        print(f"index built for {OFFERS} offers in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        # The statistics autovacuum gathers soon after a bulk load (a test server may run without
        # it). SQLite gathers none unless told, and the search must do without them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _floor(word: str) -> Any:
    """The bare full-text query of the backend: the first 20 ids matching one word, no ranking,
    no filters, no tenant."""
    from django.db import connection

    def run() -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT offer_id FROM offers_searchdocument WHERE document ILIKE %s LIMIT 20", [f"%{word}%"]
                )
            else:
                cursor.execute(
                    "SELECT rowid FROM offers_searchdocument WHERE offers_searchdocument MATCH %s LIMIT 20",
                    [f'"{word}"'],
                )
            cursor.fetchall()

    return run


def _line(name: str, samples: list[float], floor: float, extra: str = "") -> None:
    p50, p95 = percentile(samples, 50), percentile(samples, 95)
    verdict = "ok" if p95 <= TARGET_MS else "OVER TARGET"
    print(f"  {name:44} {extra:30} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  ({p50 / floor:5.1f}x floor) {verdict}")


def measure_search() -> dict[str, Any]:
    from django.db import connection
    from django.test import Client

    from anlaufstelle.core.models import Tenant
    from anlaufstelle.core.tenancy import all_tenants, tenant_context
    from anlaufstelle.offers import search
    from anlaufstelle.offers.models import Topic
    from anlaufstelle.offers.selectors import OfferFilters, offers_search

    with all_tenants():
        tenant = Tenant.objects.get(slug="bench")
    results: dict[str, Any] = {}
    with tenant_context(tenant):
        topics = list(Topic.objects.order_by("code"))
        floor_samples = timed(_floor("schuldnerberatung"), REPEAT)
        floor = percentile(floor_samples, 50)
        results["floor"] = floor_samples
        print(
            f"floor (bare {connection.vendor} full-text query, one word, first 20 ids): "
            f"p50 {floor:.2f} ms, p95 {percentile(floor_samples, 95):.2f} ms"
        )
        cases = {name: (text, OfferFilters()) for name, text in QUERIES.items()}
        cases["filtered (word + topic + language + cost)"] = (
            "Schuldnerberatung",
            OfferFilters(topic=topics[3], language="ar", cost="free"),
        )
        cases["no text, filtered (topic + language)"] = ("", OfferFilters(topic=topics[3], language="uk"))
        print("in-process (the search selector, page 1 of 20 with the offers' details):")
        for name, (text, filters) in cases.items():
            total = offers_search(text=text, filters=filters).total
            samples = timed(partial(offers_search, text=text, filters=filters), REPEAT)
            _line(name, samples, floor, f"{text!r:22} {total:5} hits")
            results[name] = samples
        size = search.backend().size_bytes()
        print(f"index size (documents, titles, filters, vocabulary): {size / 1024 / 1024:.1f} MiB" if size else "")
    logging.getLogger("anlaufstelle.request").setLevel(logging.WARNING)  # one log line per request otherwise
    client = Client(HTTP_HOST="bench.localhost")
    print("over HTTP (Django test client: the whole result page, rendered):")
    for name, query in {
        "single word": {"q": "Schuldnerberatung"},
        "typo": {"q": "Schuldnerberatnug"},
        "filtered": {"q": "Schuldnerberatung", "thema": topics[3].code, "sprache": "ar", "kosten": "free"},
    }.items():

        def get(query: dict[str, str] = query) -> None:
            response = client.get("/angebote/suche/", query)
            assert response.status_code == 200, response.status_code

        samples = timed(get, REPEAT // 2)
        _line(name, samples, floor, str(query)[:30])
        results[f"http {name}"] = samples
    return results


def measure_page_weight() -> None:
    from benchmarks.page_weight import measure, production_server, report

    with production_server() as base_url:
        for name, path in {
            "result page": "/angebote/suche/?q=Deutschkurs",
            "Arabic result page": "/ar/angebote/suche/?q=Deutschkurs",
        }.items():
            report(name, measure(base_url, path))
        samples = []
        for _ in range(20):
            started = time.perf_counter()
            with urllib.request.urlopen(f"{base_url}/angebote/suche/?q=Deutschkurs", timeout=10) as response:  # noqa: S310 (own server)
                response.read()
            samples.append((time.perf_counter() - started) * 1000)
        print(
            f"result page over a real server (gunicorn, production settings, demo city): "
            f"p50 {percentile(samples, 50):.1f} ms, p95 {percentile(samples, 95):.1f} ms"
        )


def main() -> None:
    if not setup_django_cached(CACHE, CACHED_SOURCES):
        _populate()
        keep_in_cache(CACHE, CACHED_SOURCES)
    else:
        print(f"data set: {OFFERS} offers kept from an earlier run (var/bench-cache/)")
    measure_search()
    measure_page_weight()


if __name__ == "__main__":
    main()
