"""What both backends share: the index row, the filters, the result, and the common queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from anlaufstelle.core.functions import placeholders

from .text import MIN_FRAGMENT, compound_parts, cover, parts_carried

Alternative = tuple[str, ...]  # fragments that must all occur
Group = tuple[Alternative, ...]  # alternatives, one of which must occur
Words = dict[str, tuple[str, ...]]  # fragment -> the tokens finding it (words containing it, or parts)


class Parts:
    """The parts of an inventory that a text's words carry (each word's worked out once: a
    rebuild sees the same words in thousands of offers)."""

    def __init__(self, parts: frozenset[str]) -> None:
        self.parts = parts
        self._carried: dict[str, set[str]] = {}

    def carried(self, words: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for word in words if self.parts else ():
            if word not in self._carried:
                self._carried[word] = parts_carried(word, self.parts)
            found |= self._carried[word]
        return found


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


def escape_like(text: str) -> str:
    """``text`` taken literally inside a LIKE pattern (with ``ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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

    @property
    def narrows(self) -> bool:
        """Whether a filter beyond tenant, visibility and validity applies (those three the
        PostgreSQL index also keeps on each document row, so a plain text search reads one table)."""
        return bool(self._narrowing()[0])

    def where(self, table: str = "f") -> tuple[str, list[Any]]:
        """The condition on the filter row ``f``; on ``table``'s columns of the same names where it
        narrows by tenant, visibility and validity only."""
        narrowing, narrowing_params = self._narrowing()
        if table != "f" and narrowing:
            raise ValueError("Only the filter rows have every column the criteria test.")
        parts = [
            f"{table}.tenant_id = %s",
            f"{table}.visible",
            f"{table}.valid_from <= %s",
            f"{table}.valid_until >= %s",
            *narrowing,
        ]
        return " AND ".join(parts), [self.tenant_id, self.today, self.today, *narrowing_params]

    def _narrowing(self) -> tuple[list[str], list[Any]]:
        """The conditions beyond tenant, visibility and validity, on the filter row ``f``."""
        parts: list[str] = []
        params: list[Any] = []
        if self.topic_id is not None:
            parts.append("f.topics LIKE %s")
            params.append(f"% {self.topic_id} %")
        if self.situation_ids:
            parts.append("(" + " OR ".join("f.situations LIKE %s" for _ in self.situation_ids) + ")")
            params.extend(f"% {pk} %" for pk in self.situation_ids)
        if self.language:
            parts.append("f.languages LIKE %s ESCAPE '\\'")
            params.append(f"% {escape_like(self.language)} %")
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
        return parts, params


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


def chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def fragments(groups: Sequence[Group]) -> set[str]:
    return {fragment for group in groups for alternative in group for fragment in alternative}


def page_match(rows: list[Any], offset: int, first: Any) -> Match:
    """The page of (offer id, total) rows; past the last page, the total still comes (from ``first``)."""
    if not rows and offset:
        return Match([], first().total)
    return Match([row[0] for row in rows], rows[0][1] if rows else 0)


class Backend:
    """The index of one database vendor. Two ways to find a fragment: the *word index* looks up the
    vocabulary words that contain it (a handful for a long word: "schuldnerberatung" → one) and
    finds the offers by those whole words, which is fast; the *trigram index* finds the fragment
    anywhere in the text, which costs with every trigram and every offer that has it. A search
    takes the word index where every fragment is in at most ``WORD_LIMIT`` words, else the
    trigrams. Both give the same offers, as long as the vocabulary has every word of the index.

    One instance serves one search: it remembers the words of the fragments it looked up."""

    WORD_LIMIT = 40

    def __init__(self) -> None:
        self._words: dict[tuple[int, str], tuple[str, ...] | None] = {}

    # --- keeping the index

    def replace(self, *, tenant_id: int, rows: Sequence[IndexRow]) -> None:
        """Put these offers into the index, replacing what was there for them."""
        raise NotImplementedError

    def delete(self, *, offer_ids: Sequence[int]) -> None:
        raise NotImplementedError

    def clear(self, *, tenant_id: int) -> None:
        """Drop the tenant's index, vocabulary and parts."""
        with connection.cursor() as cursor:
            # first: a rebuild then waits for the writes begun with the old inventory, instead of
            # them waiting for the rows it deletes while it waits for them
            self._lock_parts(cursor, tenant_id, shared=False)
            for table in ("offers_searchdocument", "offers_searchfilter", "offers_searchterm", "offers_searchpart"):
                cursor.execute(f"DELETE FROM {table} WHERE tenant_id = %s", [tenant_id])  # noqa: S608

    def add_terms(self, *, tenant_id: int, terms: Iterable[str]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO offers_searchterm (tenant_id, term) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                [(tenant_id, term) for term in sorted(terms)],
            )

    def _replace_filters(self, cursor: Any, tenant_id: int, rows: Sequence[IndexRow]) -> None:
        for chunk in chunks(rows):
            ids = [row.offer_id for row in chunk]
            cursor.execute(f"DELETE FROM offers_searchfilter WHERE offer_id IN ({placeholders(ids)})", ids)  # noqa: S608
        cursor.executemany(FILTER_INSERT, [_filter_values(tenant_id, row) for row in rows])

    def optimize(self) -> None:
        """After a rebuild: lay the index out for reading (nothing to do by default)."""

    def size_bytes(self) -> int | None:
        raise NotImplementedError

    # --- the vocabulary

    def known_terms(self, *, tenant_id: int, terms: Iterable[str]) -> set[str]:
        raise NotImplementedError

    def similar_terms(self, *, tenant_id: int, word: str, limit: int = 50) -> list[str]:
        """Candidates sharing trigrams with ``word``, best first (the caller checks the distance)."""
        raise NotImplementedError

    def words_containing(self, *, tenant_id: int, fragment: str) -> tuple[str, ...] | None:
        """The tokens of the word index finding the offers with a word containing ``fragment``:
        those words, or parts standing for several of them (see ``set_parts``); None where the word
        index does not serve: a fragment in more than ``WORD_LIMIT`` words, or one of digits only
        (numbers are not in the vocabulary)."""
        key = (tenant_id, fragment)
        if key not in self._words:
            found = None
            if len(fragment) >= MIN_FRAGMENT and not fragment.isdigit():
                words, parts = self._words_containing(tenant_id=tenant_id, fragment=fragment, limit=self.WORD_LIMIT + 1)
                if len(words) <= self.WORD_LIMIT:
                    found = cover(words, parts)
            self._words[key] = found
        return self._words[key]

    def _words_containing(self, *, tenant_id: int, fragment: str, limit: int) -> tuple[list[str], list[str]]:
        """Up to ``limit`` words of the vocabulary containing ``fragment``, and the parts of the
        inventory containing it (see ``set_parts``)."""
        raise NotImplementedError

    # --- compound parts (see ``text.compound_parts``): tokens of the word index standing for many
    # words, from the tenant's inventory ``offers_searchpart``

    def set_parts(self, *, tenant_id: int, words: Iterable[str]) -> None:
        """While rebuilding the tenant's index, before its offers are written: the inventory of
        parts, taken from all their words. It stays until the next rebuild, so every offer written
        meanwhile carries the same parts, and a part finds every offer with a word containing it."""
        with connection.cursor() as cursor:
            self._lock_parts(cursor, tenant_id, shared=False)
            cursor.execute("DELETE FROM offers_searchpart WHERE tenant_id = %s", [tenant_id])
            cursor.executemany(
                "INSERT INTO offers_searchpart (tenant_id, part) VALUES (%s, %s)",
                [(tenant_id, part) for part in sorted(compound_parts(words))],
            )

    def _parts(self, cursor: Any, tenant_id: int) -> Parts:
        """The tenant's inventory, unchanged until this transaction ends, for writing offers."""
        self._lock_parts(cursor, tenant_id, shared=True)
        cursor.execute("SELECT part FROM offers_searchpart WHERE tenant_id = %s", [tenant_id])
        return Parts(frozenset(row[0] for row in cursor.fetchall()))

    def _lock_parts(self, cursor: Any, tenant_id: int, *, shared: bool) -> None:
        """Until the transaction ends: the tenant's inventory for writing offers with it
        (``shared``), or for changing it, once every transaction writing with the old one has
        ended. Nothing to do where the database lets one transaction write at a time (SQLite)."""

    def _words_of(self, groups: Sequence[Group], tenant_id: int) -> Words | None:
        """The words of every fragment of ``groups``, or None if one of them needs the trigrams."""
        words: Words = {}
        for fragment in fragments(groups):
            found = self.words_containing(tenant_id=tenant_id, fragment=fragment)
            if found is None:
                return None
            words[fragment] = found
        return words

    # --- searching

    def has_hit(self, *, tenant_id: int, fragment: str) -> bool:
        """Whether an offer of the tenant (public or not) contains ``fragment``."""
        words = self.words_containing(tenant_id=tenant_id, fragment=fragment)
        if words is None:
            return self._has_hit_trigrams(tenant_id=tenant_id, fragment=fragment)
        # the vocabulary keeps the words of changed offers: the index decides
        return bool(words) and self._has_hit_words(tenant_id=tenant_id, words=words)

    def _has_hit_trigrams(self, *, tenant_id: int, fragment: str) -> bool:
        raise NotImplementedError

    def _has_hit_words(self, *, tenant_id: int, words: Sequence[str]) -> bool:
        raise NotImplementedError

    def match(self, *, groups: Sequence[Group], criteria: Criteria, limit: int | None, offset: int) -> Match:
        """Offer ids matching every group and the criteria: those matching in the title first, then
        by title; ``limit`` None gives all."""
        words = self._words_of(groups, criteria.tenant_id)
        if words is not None:
            # an alternative with a fragment in no word cannot match; a group without any, nothing
            groups = [tuple(a for a in group if all(words[f] for f in a)) for group in groups]
            if not all(groups):
                return Match([], 0)
        rows = self._match(groups=groups, words=words, criteria=criteria, limit=limit, offset=offset)
        return page_match(rows, offset, lambda: self.match(groups=groups, criteria=criteria, limit=1, offset=0))

    def _match(
        self, *, groups: Sequence[Group], words: Words | None, criteria: Criteria, limit: int | None, offset: int
    ) -> list[Any]:
        """Rows of (offer id, total): by the word index where ``words`` is given, else by trigrams."""
        raise NotImplementedError

    def browse(self, *, criteria: Criteria, limit: int, offset: int) -> Match:
        """Offer ids matching the criteria, by title (no text searched)."""
        where, params = criteria.where()
        with connection.cursor() as cursor:  # materialised once: the count reads it again
            cursor.execute(
                "WITH found AS MATERIALIZED (SELECT f.offer_id, f.sort_key FROM offers_searchfilter f "  # noqa: S608 - placeholders only
                f"WHERE {where}) SELECT offer_id, (SELECT COUNT(*) FROM found) FROM found "
                "ORDER BY sort_key, offer_id LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            rows = cursor.fetchall()
        return page_match(rows, offset, lambda: self.browse(criteria=criteria, limit=1, offset=0))
