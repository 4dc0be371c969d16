"""The index on PostgreSQL: one row per offer in ``offers_searchdocument`` with the folded text
(``document``, with a pg_trgm GIN index: LIKE uses it), its tokens (``words``, an array with a
GIN index: ``&&`` finds the offers having any of the given tokens; an offer's tokens are its words
and the compound parts they contain, from the tenant's inventory ``offers_searchpart``, and the
same of its title, marked) and, copied from its filter row, what every search tests (visibility,
validity, sort key); the vocabulary ``offers_searchterm`` with a pg_trgm index for LIKE and
similarity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from .base import Backend, Criteria, Group, IndexRow, Parts, Words, escape_like
from .text import vocabulary

PARTS_LOCK = 0x5EA9C4  # with the tenant's id, the advisory lock guarding its parts' inventory
TITLE = "#"  # before a token of the title (no folded word has the character)


def _tokens(parts: Parts, title: str, body: str) -> list[str]:
    """The tokens of the word index for an offer: the words of its text and the parts they carry,
    and the same of its title, marked with ``TITLE``."""
    words, title_words = vocabulary(f"{title} {body}"), vocabulary(title)
    tokens = words | parts.carried(words)
    return sorted(tokens | {TITLE + token for token in title_words | parts.carried(title_words)})


def _like(fragment: str) -> str:
    return f"%{escape_like(fragment)}%"


def _condition(groups: Sequence[Group], test: Any) -> tuple[str, list[Any]]:
    """SQL for "every group, by one of its alternatives, all of its fragments", with ``test``
    giving the SQL and parameter of one fragment."""
    parts: list[str] = []
    params: list[Any] = []
    for group in groups:
        alternatives = []
        for alternative in group:
            tests = [test(fragment) for fragment in alternative]
            alternatives.append("(" + " AND ".join(sql for sql, _param in tests) + ")")
            params.extend(param for _sql, param in tests)
        parts.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts), params


class PostgresBackend(Backend):
    WORD_LIMIT = 200  # the GIN index looks each word up on its own: many cost little

    def replace(self, *, tenant_id: int, rows: Sequence[IndexRow]) -> None:
        with connection.cursor() as cursor:
            parts = self._parts(cursor, tenant_id)
            cursor.executemany(
                "INSERT INTO offers_searchdocument (offer_id, tenant_id, title, body, words, visible, valid_from, "
                "valid_until, sort_key) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (offer_id) DO UPDATE "
                "SET title = EXCLUDED.title, body = EXCLUDED.body, words = EXCLUDED.words, visible = EXCLUDED.visible, "
                "valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until, sort_key = EXCLUDED.sort_key",
                [
                    (
                        row.offer_id,
                        tenant_id,
                        row.title,
                        row.body,
                        _tokens(parts, row.title, row.body),
                        row.visible,
                        row.valid_from,
                        row.valid_until,
                        row.sort_key,
                    )
                    for row in rows
                ],
            )
            self._replace_filters(cursor, tenant_id, rows)

    def _lock_parts(self, cursor: Any, tenant_id: int, *, shared: bool) -> None:
        function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        cursor.execute(f"SELECT {function}(%s, %s)", [PARTS_LOCK, tenant_id])

    def delete(self, *, offer_ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM offers_searchdocument WHERE offer_id = ANY(%s)", [list(offer_ids)])
            cursor.execute("DELETE FROM offers_searchfilter WHERE offer_id = ANY(%s)", [list(offer_ids)])

    def optimize(self) -> None:
        # A bulk write leaves GIN entries in each index's pending list, which every query reads
        # through until (auto)vacuum moves them into the index; moved now.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT gin_clean_pending_list(name::regclass) FROM unnest(%s::text[]) AS name",
                [["offers_searchdocument_trgm", "offers_searchdocument_words", "offers_searchterm_trgm"]],
            )

    def size_bytes(self) -> int | None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size('offers_searchdocument') + pg_total_relation_size('offers_searchterm') "
                "+ pg_total_relation_size('offers_searchfilter')"
            )
            return int(cursor.fetchone()[0])

    def known_terms(self, *, tenant_id: int, terms: Iterable[str]) -> set[str]:
        with connection.cursor() as cursor:
            # as a join: ``term = ANY(…)`` would take the trigram index, slower than the key by far
            cursor.execute(
                "SELECT t.term FROM unnest(%s::text[]) AS wanted (term) "
                "JOIN offers_searchterm t ON t.tenant_id = %s AND t.term = wanted.term",
                [sorted(set(terms)), tenant_id],
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

    def _words_containing(self, *, tenant_id: int, fragment: str, limit: int) -> tuple[list[str], list[str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "(SELECT term, false FROM offers_searchterm WHERE tenant_id = %s AND term LIKE %s LIMIT %s) "
                "UNION ALL SELECT part, true FROM offers_searchpart WHERE tenant_id = %s AND part LIKE %s",
                [tenant_id, _like(fragment), limit, tenant_id, _like(fragment)],
            )
            rows = cursor.fetchall()
        return [term for term, is_part in rows if not is_part], [term for term, is_part in rows if is_part]

    # The text is folded (lower case) when indexed: LIKE, not ILIKE, which would fold every row again.

    def _has_hit_trigrams(self, *, tenant_id: int, fragment: str) -> bool:
        return self._has_hit("document LIKE %s", _like(fragment), tenant_id)

    def _has_hit_words(self, *, tenant_id: int, words: Sequence[str]) -> bool:
        return self._has_hit("words && %s::text[]", list(words), tenant_id)

    @staticmethod
    def _has_hit(condition: str, param: Any, tenant_id: int) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM offers_searchdocument WHERE {condition} AND tenant_id = %s LIMIT 1",  # noqa: S608 - ours
                [param, tenant_id],
            )
            return cursor.fetchone() is not None

    def _match(
        self, *, groups: Sequence[Group], words: Words | None, criteria: Criteria, limit: int | None, offset: int
    ) -> list[Any]:
        if words is None:
            condition, condition_params = _condition(groups, lambda f: ("d.document LIKE %s", _like(f)))
        else:
            # The words as a subquery: the planner cannot see them, so it keeps to the GIN index.
            # Seeing words in half of the offers, it would read the table instead, and unpack the
            # words of every row (ten times slower).
            condition, condition_params = _condition(
                groups, lambda f: ("d.words && (SELECT %s::text[])", list(words[f]))
            )
        if words is None:
            # in the title: strpos, on a short title faster than LIKE (which cost a third of a
            # search with thousands of hits) or splitting it
            in_title, title_params = _condition(groups, lambda f: ("strpos(d.title, %s) > 0", f))
        else:
            # the offers matching in the title by the title's tokens, once (a hashed set): testing
            # each hit's title cost a quarter of a search with thousands of hits
            title, title_params = _condition(
                groups, lambda f: ("t.words && (SELECT %s::text[])", [TITLE + token for token in words[f]])
            )
            in_title = (
                f"d.offer_id IN (SELECT t.offer_id FROM offers_searchdocument t WHERE {title} AND t.tenant_id = %s)"  # noqa: S608 - placeholders only
            )
            title_params.append(criteria.tenant_id)
        if criteria.narrows:
            source, sorted_by = "offers_searchdocument d JOIN offers_searchfilter f ON f.offer_id = d.offer_id", "f"
        else:
            # the document row has visibility, validity and sort key as well: one table, no join
            # (whose estimate, blind to the words, chose thousands of key look-ups)
            source, sorted_by = "offers_searchdocument d", "d"
        where, params = criteria.where(table=sorted_by)
        with connection.cursor() as cursor:  # materialised once: the count reads it again
            cursor.execute(
                f"WITH found AS MATERIALIZED (SELECT d.offer_id, {sorted_by}.sort_key, NOT ({in_title}) AS later "  # noqa: S608 - placeholders only
                f"FROM {source} WHERE {condition} AND {where}) "
                "SELECT offer_id, (SELECT COUNT(*) FROM found) FROM found "
                "ORDER BY later, sort_key, offer_id LIMIT %s OFFSET %s",
                [*title_params, *condition_params, *params, limit, offset],
            )
            return cursor.fetchall()
