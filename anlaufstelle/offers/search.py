"""Full-text search over every language of an offer, tolerant of typos and German compounds.

One index row per offer holds its text in all languages, folded (lower case, without accents
and diacritics, ß as ss). A query is a list of *groups*, one per query word; a document must
match every group, and a group matches if any of its *alternatives* does (an alternative is
one or more fragments that must all occur). Fragments match as substrings, so "kurs" finds
"Sprachkurs". A word without any hit is replaced by the words of the index vocabulary within a
small edit distance (typos) or split into two known words (compounds written together).

Two backends keep the index, chosen by the database vendor:

- SQLite: FTS5 with the trigram tokenizer (``offers_searchdocument``) and a vocabulary with its
  own trigram index (``offers_searchterm`` + ``offers_searchterm_fts``).
- PostgreSQL: a table with a pg_trgm GIN index (``ILIKE`` uses it) and the vocabulary with a
  pg_trgm index for similarity.

The index is maintained by :mod:`anlaufstelle.offers.services.index` (never by signals).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from rapidfuzz.distance import Levenshtein

MIN_FRAGMENT = 3  # trigram indexes need three characters
STOPWORDS = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "und",
        "oder",
        "fur",
        "mit",
        "von",
        "zu",
        "zum",
        "zur",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "ich",
        "wir",
        "sie",
        "es",
        "ist",
        "sind",
        "bin",
        "mein",
        "meine",
        "the",
        "and",
        "for",
        "with",
        "of",
        "to",
        "on",
        "a",
    ]
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)

Alternative = tuple[str, ...]  # fragments that must all occur
Group = tuple[Alternative, ...]  # alternatives, one of which must occur


def fold(text: str) -> str:
    """Lower case, ß → ss, diacritics removed (ä → a, й → и, Arabic vowel marks), words by one space."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text).split())


def query_words(text: str) -> list[str]:
    """The words of a query worth searching for: folded, long enough, no stop words, each once."""
    words: list[str] = []
    for word in fold(text).split():
        if len(word) >= MIN_FRAGMENT and word not in STOPWORDS and word not in words:
            words.append(word)
    return words


def vocabulary(text: str) -> set[str]:
    return {word for word in text.split() if len(word) >= MIN_FRAGMENT and not word.isdigit()}


def _escape_like(text: str) -> str:
    """``text`` taken literally inside a LIKE pattern (with ``ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def max_typos(word: str) -> int:
    return 1 if len(word) <= 6 else 2


@dataclass(frozen=True)
class Match:
    offer_ids: list[int]
    total: int


@dataclass(frozen=True)
class IndexRow:
    """Everything the index keeps of one offer: its folded text and what the filters test."""

    offer_id: int
    title: str
    body: str
    visible: bool
    valid_from: dt.date
    valid_until: dt.date
    cost: str
    sort_key: str
    topics: str  # " 3 7 " (with the parent topics)
    situations: str
    languages: str
    districts: str


@dataclass(frozen=True)
class Criteria:
    """The filters of one search, as the index row tests them; every part optional."""

    tenant_id: int
    today: dt.date
    topic_id: int | None = None
    situation_ids: tuple[int, ...] = ()  # any of them (the chosen one and the "for everyone" ones)
    language: str = ""
    district_id: int | None = None
    cost: str = ""
    within: tuple[str, Sequence[Any]] | None = None  # a subquery of offer ids (e.g. open now)

    def where(self) -> tuple[str, list[Any]]:
        """The condition on the filter row ``f``."""
        parts = ["f.tenant_id = %s", "f.visible", "f.valid_from <= %s", "f.valid_until >= %s"]
        params: list[Any] = [self.tenant_id, self.today, self.today]
        if self.topic_id is not None:
            parts.append("f.topics LIKE %s")
            params.append(f"% {self.topic_id} %")
        if self.situation_ids:
            parts.append("(" + " OR ".join("f.situations LIKE %s" for _ in self.situation_ids) + ")")
            params.extend(f"% {pk} %" for pk in self.situation_ids)
        if self.language:
            parts.append("f.languages LIKE %s ESCAPE '\\'")
            params.append(f"% {_escape_like(self.language)} %")
        if self.district_id is not None:
            parts.append("f.districts LIKE %s")
            params.append(f"% {self.district_id} %")
        if self.cost:
            parts.append("f.cost = %s")
            params.append(self.cost)
        if self.within is not None:
            sql, within_params = self.within
            parts.append(f"f.offer_id IN ({sql})")
            params.extend(within_params)
        return " AND ".join(parts), params


FILTER_INSERT = (
    "INSERT INTO offers_searchfilter (offer_id, tenant_id, visible, valid_from, valid_until, cost, sort_key, "
    "topics, situations, languages, districts) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)


def _filter_values(tenant_id: int, row: IndexRow) -> tuple[Any, ...]:
    return (
        row.offer_id,
        tenant_id,
        row.visible,
        row.valid_from,
        row.valid_until,
        row.cost,
        row.sort_key,
        row.topics,
        row.situations,
        row.languages,
        row.districts,
    )


def _placeholders(items: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(items))


class _Backend:
    def replace(self, *, tenant_id: int, rows: Sequence[IndexRow]) -> None:
        """Put these offers into the index, replacing what was there for them."""
        raise NotImplementedError

    def delete(self, *, offer_ids: Sequence[int]) -> None:
        raise NotImplementedError

    def clear(self, *, tenant_id: int) -> None:
        """Drop the tenant's index and vocabulary."""
        with connection.cursor() as cursor:
            for table in ("offers_searchdocument", "offers_searchfilter", "offers_searchterm"):
                cursor.execute(f"DELETE FROM {table} WHERE tenant_id = %s", [tenant_id])  # noqa: S608

    def add_terms(self, *, tenant_id: int, terms: Iterable[str]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO offers_searchterm (tenant_id, term) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                [(tenant_id, term) for term in sorted(terms)],
            )

    def known_terms(self, *, tenant_id: int, terms: Iterable[str]) -> set[str]:
        raise NotImplementedError

    def similar_terms(self, *, tenant_id: int, word: str, limit: int = 50) -> list[str]:
        """Candidates sharing trigrams with ``word``, best first (the caller checks the distance)."""
        raise NotImplementedError

    def has_hit(self, *, tenant_id: int, fragment: str) -> bool:
        raise NotImplementedError

    def match(self, *, groups: Sequence[Group], criteria: Criteria, limit: int | None, offset: int) -> Match:
        """Offer ids matching every group and the criteria: those matching in the title first, then
        by title; ``limit`` None gives all."""
        raise NotImplementedError

    def size_bytes(self) -> int | None:
        raise NotImplementedError

    def browse(self, *, criteria: Criteria, limit: int, offset: int) -> Match:
        """Offer ids matching the criteria, by title (no text searched)."""
        where, params = criteria.where()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT f.offer_id, COUNT(*) OVER () FROM offers_searchfilter f WHERE {where} "  # noqa: S608 - placeholders only
                "ORDER BY f.sort_key, f.offer_id LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            rows = cursor.fetchall()
        return _page_match(rows, offset, lambda: self.browse(criteria=criteria, limit=1, offset=0))

    def _replace_filters(self, cursor: Any, tenant_id: int, rows: Sequence[IndexRow]) -> None:
        for chunk in _chunks(rows):
            ids = [row.offer_id for row in chunk]
            cursor.execute(f"DELETE FROM offers_searchfilter WHERE offer_id IN ({_placeholders(ids)})", ids)  # noqa: S608
        cursor.executemany(FILTER_INSERT, [_filter_values(tenant_id, row) for row in rows])


def _page_match(rows: list[Any], offset: int, first: Any) -> Match:
    if not rows and offset:
        return Match([], first().total)
    return Match([row[0] for row in rows], rows[0][1] if rows else 0)


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SqliteBackend(_Backend):
    """FTS5 (trigram) keyed by the offer id: the search reads only rowids, never the stored text."""

    @staticmethod
    def _phrase(fragment: str) -> str:
        return '"' + fragment.replace('"', '""') + '"'

    def _expression(self, groups: Sequence[Group]) -> str:
        parts = []
        for group in groups:
            alternatives = ["(" + " AND ".join(self._phrase(f) for f in alternative) + ")" for alternative in group]
            parts.append("(" + " OR ".join(alternatives) + ")")
        return " AND ".join(parts)

    def replace(self, *, tenant_id: int, rows: Sequence[IndexRow]) -> None:
        with connection.cursor() as cursor:
            for chunk in _chunks(rows):
                ids = [row.offer_id for row in chunk]
                for table in ("offers_searchdocument", "offers_searchtitle"):
                    cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({_placeholders(ids)})", ids)  # noqa: S608
            cursor.executemany(
                "INSERT INTO offers_searchdocument (rowid, offer_id, tenant_id, title, body) "
                "VALUES (%s, %s, %s, %s, %s)",
                [(row.offer_id, row.offer_id, tenant_id, row.title, row.body) for row in rows],
            )
            cursor.executemany(
                "INSERT INTO offers_searchtitle (rowid, title) VALUES (%s, %s)",
                [(row.offer_id, row.title) for row in rows],
            )
            self._replace_filters(cursor, tenant_id, rows)

    def delete(self, *, offer_ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            for chunk in _chunks(offer_ids):
                for table in ("offers_searchdocument", "offers_searchtitle", "offers_searchfilter"):
                    key = "offer_id" if table == "offers_searchfilter" else "rowid"
                    cursor.execute(f"DELETE FROM {table} WHERE {key} IN ({_placeholders(chunk)})", list(chunk))  # noqa: S608

    def clear(self, *, tenant_id: int) -> None:
        with connection.cursor() as cursor:  # the titles have no tenant column: by the documents' rowids
            cursor.execute(
                "DELETE FROM offers_searchtitle WHERE rowid IN "
                "(SELECT rowid FROM offers_searchdocument WHERE tenant_id = %s)",
                [tenant_id],
            )
        super().clear(tenant_id=tenant_id)

    def known_terms(self, *, tenant_id: int, terms: Iterable[str]) -> set[str]:
        wanted = sorted(set(terms))
        found: set[str] = set()
        with connection.cursor() as cursor:
            for chunk in _chunks(wanted):
                cursor.execute(
                    "SELECT term FROM offers_searchterm WHERE tenant_id = %s "  # noqa: S608 - placeholders only
                    f"AND term IN ({_placeholders(chunk)})",
                    [tenant_id, *chunk],
                )
                found.update(row[0] for row in cursor.fetchall())
        return found

    def similar_terms(self, *, tenant_id: int, word: str, limit: int = 50) -> list[str]:
        trigrams = sorted({word[i : i + 3] for i in range(len(word) - 2)})
        if not trigrams:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.term FROM offers_searchterm_fts f JOIN offers_searchterm t ON t.rowid = f.rowid "
                "WHERE offers_searchterm_fts MATCH %s AND t.tenant_id = %s ORDER BY f.rank LIMIT %s",
                [" OR ".join(self._phrase(t) for t in trigrams), tenant_id, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def has_hit(self, *, tenant_id: int, fragment: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM offers_searchdocument d CROSS JOIN offers_searchfilter f ON f.offer_id = d.rowid "
                "WHERE offers_searchdocument MATCH %s AND f.tenant_id = %s LIMIT 1",
                [self._phrase(fragment), tenant_id],
            )
            return cursor.fetchone() is not None

    def match(self, *, groups: Sequence[Group], criteria: Criteria, limit: int | None, offset: int) -> Match:
        expression = self._expression(groups)
        where, params = criteria.where()
        # Both full-text scans are materialised once; the join then reads narrow rows by primary key.
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH hits AS MATERIALIZED (SELECT rowid AS id FROM offers_searchdocument "  # noqa: S608 - placeholders only
                "WHERE offers_searchdocument MATCH %s), "
                "titled AS MATERIALIZED (SELECT rowid AS id FROM offers_searchtitle WHERE offers_searchtitle MATCH %s) "
                "SELECT f.offer_id, COUNT(*) OVER () FROM hits "
                "CROSS JOIN offers_searchfilter f ON f.offer_id = hits.id "
                f"LEFT JOIN titled ON titled.id = hits.id WHERE {where} "
                "ORDER BY titled.id IS NULL, f.sort_key, f.offer_id LIMIT %s OFFSET %s",
                [expression, expression, *params, -1 if limit is None else limit, offset],
            )
            rows = cursor.fetchall()
        return _page_match(rows, offset, lambda: self.match(groups=groups, criteria=criteria, limit=1, offset=0))

    def size_bytes(self) -> int | None:
        with connection.cursor() as cursor:
            try:
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'offers_search%%'")
            except Exception:
                return None
            return int(cursor.fetchone()[0] or 0)


class PostgresBackend(_Backend):
    """pg_trgm: ILIKE on the folded text uses the trigram GIN index."""

    @staticmethod
    def _like(fragment: str) -> str:
        return f"%{_escape_like(fragment)}%"

    def _condition(self, groups: Sequence[Group], column: str) -> tuple[str, list[str]]:
        parts: list[str] = []
        params: list[str] = []
        for group in groups:
            alternatives = []
            for alternative in group:
                alternatives.append("(" + " AND ".join(f"{column} ILIKE %s" for _ in alternative) + ")")
                params.extend(self._like(f) for f in alternative)
            parts.append("(" + " OR ".join(alternatives) + ")")
        return " AND ".join(parts), params

    def replace(self, *, tenant_id: int, rows: Sequence[IndexRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO offers_searchdocument (offer_id, tenant_id, title, body) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (offer_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body",
                [(row.offer_id, tenant_id, row.title, row.body) for row in rows],
            )
            self._replace_filters(cursor, tenant_id, rows)

    def delete(self, *, offer_ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM offers_searchdocument WHERE offer_id = ANY(%s)", [list(offer_ids)])
            cursor.execute("DELETE FROM offers_searchfilter WHERE offer_id = ANY(%s)", [list(offer_ids)])

    def known_terms(self, *, tenant_id: int, terms: Iterable[str]) -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM offers_searchterm WHERE tenant_id = %s AND term = ANY(%s)",
                [tenant_id, sorted(set(terms))],
            )
            return {row[0] for row in cursor.fetchall()}

    def similar_terms(self, *, tenant_id: int, word: str, limit: int = 50) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM offers_searchterm WHERE tenant_id = %s AND term %% %s "
                "ORDER BY similarity(term, %s) DESC LIMIT %s",
                [tenant_id, word, word, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def has_hit(self, *, tenant_id: int, fragment: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM offers_searchdocument WHERE document ILIKE %s AND tenant_id = %s LIMIT 1",
                [self._like(fragment), tenant_id],
            )
            return cursor.fetchone() is not None

    def match(self, *, groups: Sequence[Group], criteria: Criteria, limit: int | None, offset: int) -> Match:
        condition, condition_params = self._condition(groups, "d.document")
        in_title, title_params = self._condition(groups, "d.title")
        where, params = criteria.where()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT f.offer_id, COUNT(*) OVER () FROM offers_searchdocument d "  # noqa: S608 - placeholders only
                f"JOIN offers_searchfilter f ON f.offer_id = d.offer_id WHERE {condition} AND {where} "
                f"ORDER BY ({in_title}) DESC, f.sort_key, f.offer_id LIMIT %s OFFSET %s",
                [*condition_params, *params, *title_params, limit, offset],
            )
            rows = cursor.fetchall()
        return _page_match(rows, offset, lambda: self.match(groups=groups, criteria=criteria, limit=1, offset=0))

    def size_bytes(self) -> int | None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size('offers_searchdocument') + pg_total_relation_size('offers_searchterm') "
                "+ pg_total_relation_size('offers_searchfilter')"
            )
            return int(cursor.fetchone()[0])


def backend() -> _Backend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()


def corrections(*, tenant_id: int, word: str) -> list[str]:
    """Known words within the typo distance of ``word``, nearest first."""
    limit = max_typos(word)
    scored = []
    for candidate in backend().similar_terms(tenant_id=tenant_id, word=word):
        distance = Levenshtein.distance(word, candidate, score_cutoff=limit)
        if distance <= limit and candidate != word:
            scored.append((distance, -len(candidate), candidate))
    return [candidate for _d, _l, candidate in sorted(scored)[:5]]


def compound_splits(*, tenant_id: int, word: str) -> list[tuple[str, str]]:
    """``deutschkurs`` → ("deutsch", "kurs") where both parts are known words (with a linking s)."""
    candidates: list[tuple[str, str]] = []
    for cut in range(MIN_FRAGMENT, len(word) - MIN_FRAGMENT + 1):
        head, tail = word[:cut], word[cut:]
        candidates.append((head, tail))
        if head.endswith("s") and len(head) > MIN_FRAGMENT:
            candidates.append((head[:-1], tail))
    known = backend().known_terms(tenant_id=tenant_id, terms={part for pair in candidates for part in pair})
    splits = [(head, tail) for head, tail in candidates if head in known and tail in known]
    # the most even split first: it is the likeliest reading
    return sorted(splits, key=lambda pair: abs(len(pair[0]) - len(pair[1])))[:3]
