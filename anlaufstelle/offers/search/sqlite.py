"""The index on SQLite: FTS5 tables keyed by the offer id (``rowid``); a search reads only rowids,
never the stored text.

- ``offers_searchdocument`` (trigram tokenizer): title and body, for fragments anywhere;
  ``offers_searchtitle`` (trigram): the titles, for the ranking.
- ``offers_searchword`` and ``offers_searchwordtitle``: the same by whole words (contentless).
  Their texts end with the compound parts their words carry (``Backend.set_parts``); contentless,
  so removing a row takes that text again, made from the document's.
- ``offers_searchterm`` with its trigram index ``offers_searchterm_fts``: the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from anlaufstelle.core.functions import placeholders

from .base import Backend, Criteria, Group, IndexRow, Parts, Words, chunks
from .text import vocabulary

FULL_TEXT_TABLES = (
    "offers_searchdocument",
    "offers_searchtitle",
    "offers_searchword",
    "offers_searchwordtitle",
    "offers_searchterm_fts",
)


def _with_parts(parts: Parts, text: str) -> str:
    """``text`` and, after it, the parts its words carry, as the word tables index it."""
    words = vocabulary(text)
    carried = parts.carried(words) - words
    return " ".join([text, *sorted(carried)]) if carried else text


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _any_of(terms: Iterable[str]) -> str:
    return "(" + " OR ".join(terms) + ")"


def _expression(groups: Sequence[Group], words: Words | None) -> str:
    """The FTS5 query of ``groups``: each fragment as a trigram phrase, or as any of its words."""

    def fragment(text: str) -> str:
        return _phrase(text) if words is None else _any_of(_phrase(word) for word in words[text])

    return " AND ".join(
        _any_of("(" + " AND ".join(fragment(f) for f in alternative) + ")" for alternative in group) for group in groups
    )


class SqliteBackend(Backend):
    WORD_LIMIT = 40  # beyond, merging the words' lists costs more than the trigrams

    def replace(self, *, tenant_id: int, rows: Sequence[IndexRow]) -> None:
        with connection.cursor() as cursor:
            inventories = {tenant_id: self._parts(cursor, tenant_id)}  # read once for both
            for chunk in chunks(rows):
                ids = [row.offer_id for row in chunk]
                self._forget(cursor, f"rowid IN ({placeholders(ids)})", ids, inventories)
            cursor.executemany(
                "INSERT INTO offers_searchdocument (rowid, offer_id, tenant_id, title, body) "
                "VALUES (%s, %s, %s, %s, %s)",
                [(row.offer_id, row.offer_id, tenant_id, row.title, row.body) for row in rows],
            )
            cursor.executemany(
                "INSERT INTO offers_searchtitle (rowid, title) VALUES (%s, %s)",
                [(row.offer_id, row.title) for row in rows],
            )
            parts = inventories[tenant_id]
            words = [(row.offer_id, _with_parts(parts, row.title), _with_parts(parts, row.body)) for row in rows]
            cursor.executemany("INSERT INTO offers_searchword (rowid, title, body) VALUES (%s, %s, %s)", words)
            cursor.executemany(
                "INSERT INTO offers_searchwordtitle (rowid, title) VALUES (%s, %s)",
                [(offer_id, title) for offer_id, title, _body in words],
            )
            self._replace_filters(cursor, tenant_id, rows)

    def _forget(
        self, cursor: Any, where: str, params: Sequence[Any], inventories: dict[int, Parts] | None = None
    ) -> None:
        """Remove the offers ``where`` selects from the full-text tables. The word tables keep no
        text: removing a row takes the text it was indexed with, the document's with the parts
        its words carry (the inventory is the same: it changes at a rebuild, once all are gone).
        ``inventories``: those read already, by tenant (the rest are read and added)."""
        cursor.execute(f"SELECT rowid, tenant_id, title, body FROM offers_searchdocument WHERE {where}", params)  # noqa: S608 - ours
        found = cursor.fetchall()
        inventories = {} if inventories is None else inventories
        words = []
        for rowid, tenant_id, title, body in found:
            if tenant_id not in inventories:
                inventories[tenant_id] = self._parts(cursor, tenant_id)
            parts = inventories[tenant_id]
            words.append((rowid, _with_parts(parts, title), _with_parts(parts, body)))
        cursor.executemany(
            "INSERT INTO offers_searchword (offers_searchword, rowid, title, body) VALUES ('delete', %s, %s, %s)", words
        )
        cursor.executemany(
            "INSERT INTO offers_searchwordtitle (offers_searchwordtitle, rowid, title) VALUES ('delete', %s, %s)",
            [(rowid, title) for rowid, title, _body in words],
        )
        for chunk in chunks([row[0] for row in found]):
            for table in ("offers_searchdocument", "offers_searchtitle"):
                cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({placeholders(chunk)})", list(chunk))  # noqa: S608

    def delete(self, *, offer_ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            for chunk in chunks(offer_ids):
                ids = list(chunk)
                self._forget(cursor, f"rowid IN ({placeholders(ids)})", ids)
                cursor.execute(f"DELETE FROM offers_searchfilter WHERE offer_id IN ({placeholders(ids)})", ids)  # noqa: S608

    def clear(self, *, tenant_id: int) -> None:
        with connection.cursor() as cursor:
            self._forget(cursor, "tenant_id = %s", [tenant_id])
        super().clear(tenant_id=tenant_id)

    def optimize(self) -> None:
        # A bulk write leaves each full-text index in many segments, each of which every query
        # reads: merged into one, a search takes half the time.
        with connection.cursor() as cursor:
            for table in FULL_TEXT_TABLES:
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # noqa: S608 - ours

    def size_bytes(self) -> int | None:
        with connection.cursor() as cursor:
            try:
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'offers_search%%'")
            except Exception:
                return None
            return int(cursor.fetchone()[0] or 0)

    def known_terms(self, *, tenant_id: int, terms: Iterable[str]) -> set[str]:
        wanted = sorted(set(terms))
        found: set[str] = set()
        with connection.cursor() as cursor:
            for chunk in chunks(wanted):
                cursor.execute(
                    "SELECT term FROM offers_searchterm WHERE tenant_id = %s "  # noqa: S608 - placeholders only
                    f"AND term IN ({placeholders(chunk)})",
                    [tenant_id, *chunk],
                )
                found.update(row[0] for row in cursor.fetchall())
        return found

    # The vocabulary's full-text index comes first (CROSS JOIN): the other way round, the planner
    # runs the full-text query once for every word of the tenant.

    def similar_terms(self, *, tenant_id: int, word: str, limit: int = 50) -> list[str]:
        trigrams = sorted({word[i : i + 3] for i in range(len(word) - 2)})
        if not trigrams:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.term FROM offers_searchterm_fts f CROSS JOIN offers_searchterm t ON t.rowid = f.rowid "
                "WHERE offers_searchterm_fts MATCH %s AND t.tenant_id = %s ORDER BY f.rank LIMIT %s",
                [" OR ".join(_phrase(t) for t in trigrams), tenant_id, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def _words_containing(self, *, tenant_id: int, fragment: str, limit: int) -> tuple[list[str], list[str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.term FROM offers_searchterm_fts f CROSS JOIN offers_searchterm t ON t.rowid = f.rowid "
                "WHERE offers_searchterm_fts MATCH %s AND t.tenant_id = %s LIMIT %s",
                [_phrase(fragment), tenant_id, limit],
            )
            words = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                "SELECT part FROM offers_searchpart WHERE tenant_id = %s AND instr(part, %s) > 0", [tenant_id, fragment]
            )
            return words, [row[0] for row in cursor.fetchall()]

    def _has_hit_trigrams(self, *, tenant_id: int, fragment: str) -> bool:
        return self._has_hit("offers_searchdocument", _phrase(fragment), tenant_id)

    def _has_hit_words(self, *, tenant_id: int, words: Sequence[str]) -> bool:
        return self._has_hit("offers_searchword", _any_of(_phrase(word) for word in words), tenant_id)

    @staticmethod
    def _has_hit(table: str, expression: str, tenant_id: int) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {table} d CROSS JOIN offers_searchfilter f ON f.offer_id = d.rowid "  # noqa: S608 - a table of ours
                f"WHERE {table} MATCH %s AND f.tenant_id = %s LIMIT 1",
                [expression, tenant_id],
            )
            return cursor.fetchone() is not None

    def _match(
        self, *, groups: Sequence[Group], words: Words | None, criteria: Criteria, limit: int | None, offset: int
    ) -> list[Any]:
        expression = _expression(groups, words)
        if words is None:
            table, titles = "offers_searchdocument", "offers_searchtitle"
        else:
            table, titles = "offers_searchword", "offers_searchwordtitle"
        where, params = criteria.where()
        # The offers found are materialised once: the count reads them again, and the page is the
        # top of a sort (a window count would sort every row). CROSS JOIN keeps the full-text
        # scan first: each hit then reads one narrow filter row by its key.
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH titled AS MATERIALIZED (SELECT rowid AS id FROM {titles} WHERE {titles} MATCH %s), "  # noqa: S608 - placeholders only
                "found AS MATERIALIZED (SELECT f.offer_id, f.sort_key, titled.id IS NULL AS later "
                f"FROM {table} hit CROSS JOIN offers_searchfilter f ON f.offer_id = hit.rowid "
                f"LEFT JOIN titled ON titled.id = hit.rowid WHERE {table} MATCH %s AND {where}) "
                "SELECT offer_id, (SELECT COUNT(*) FROM found) FROM found "
                "ORDER BY later, sort_key, offer_id LIMIT %s OFFSET %s",
                [expression, expression, *params, -1 if limit is None else limit, offset],
            )
            return cursor.fetchall()
