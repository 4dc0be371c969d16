"""Full-text search over every language of an offer, tolerant of typos and German compounds.

One index row per offer holds its text in all languages, folded (lower case, without accents
and diacritics, ß as ss). A query is a list of *groups*, one per query word; a document must
match every group, and a group matches if any of its *alternatives* does (an alternative is
one or more fragments that must all occur). Fragments match as substrings, so "kurs" finds
"Sprachkurs". A word without any hit is replaced by the words of the index vocabulary within a
small edit distance (typos) or split into two known words (compounds written together).

A fragment is found by the words of the vocabulary that contain it, through an index of whole
words, or, where it is in too many words, by its trigrams (see ``base.Backend``). Each database
vendor keeps the index its own way: ``sqlite`` (FTS5) and ``postgres`` (pg_trgm and GIN).

The index is maintained by :mod:`anlaufstelle.offers.services.index` (never by signals).
"""

from __future__ import annotations

from django.db import connection
from rapidfuzz.distance import Levenshtein

from .base import Alternative, Backend, Criteria, Group, IndexRow, Match
from .postgres import PostgresBackend
from .sqlite import SqliteBackend
from .text import MIN_FRAGMENT, STOPWORDS, fold, max_typos, query_words, vocabulary

__all__ = [
    "MIN_FRAGMENT",
    "STOPWORDS",
    "Alternative",
    "Backend",
    "Criteria",
    "Group",
    "IndexRow",
    "Match",
    "backend",
    "compound_splits",
    "corrections",
    "fold",
    "max_typos",
    "query_words",
    "vocabulary",
]


def backend() -> Backend:
    """The index of the database in use; a fresh one per search (it remembers what it looked up)."""
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
