"""How text is folded and split into words, alike for the index and for a query."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable

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
    """The words of folded ``text`` that a fragment can be found in: every one but numbers and the
    shortest (a fragment has at least ``MIN_FRAGMENT`` characters, and one of digits only is
    searched by its trigrams, see ``Backend.words_containing``)."""
    return {word for word in text.split() if len(word) >= MIN_FRAGMENT and not word.isdigit()}


def max_typos(word: str) -> int:
    return 1 if len(word) <= 6 else 2


# --- compound parts: index tokens that stand for many words at once

PART_MIN_WORDS = 4  # a part is worth a token where it stands for at least this many words


def compound_parts(words: Iterable[str]) -> set[str]:
    """The parts of the vocabulary's compounds: the heads and tails that at least
    ``PART_MIN_WORDS`` words share ("schwimm" of "schwimmkurs", "schwimmtreff", …; "treff" of
    "schwimmtreff", "jugendtreff", …), each where the words part ways (not "schwim", which the same
    words share, all followed by "m"). A word in the index also carries, as tokens, the parts it
    contains; a fragment found in many words is then looked up by a few parts (see ``cover``)."""
    heads: dict[str, set[str]] = defaultdict(set)
    tails: dict[str, set[str]] = defaultdict(set)
    after: dict[str, set[str]] = defaultdict(set)  # the characters following a head
    before: dict[str, set[str]] = defaultdict(set)  # the characters before a tail
    for word in set(words):
        for cut in range(MIN_FRAGMENT, len(word) - MIN_FRAGMENT + 1):
            head, tail = word[:cut], word[cut:]
            heads[head].add(word)
            after[head].add(word[cut])
            tails[tail].add(word)
            before[tail].add(word[cut - 1])
    return {
        piece
        for pieces, neighbours in ((heads, after), (tails, before))
        for piece, sharing in pieces.items()
        if len(sharing) >= PART_MIN_WORDS and len(neighbours[piece]) > 1
    }


def parts_carried(word: str, parts: Collection[str]) -> set[str]:
    """The parts that occur anywhere in ``word`` (which the index adds to its offer's tokens)."""
    return {
        word[start:end]
        for start in range(len(word) - MIN_FRAGMENT + 1)
        for end in range(start + MIN_FRAGMENT, len(word) + 1)
        if word[start:end] in parts
    }


def cover(words: Collection[str], parts: Collection[str]) -> tuple[str, ...]:
    """Index tokens that find exactly the offers having one of ``words``, ``parts`` standing for
    the words that contain them: fewer tokens for the index to merge ("schwimm" for the 17 words
    containing it). ``words`` must be every word of the vocabulary containing some fragment, and
    ``parts`` parts of the inventory containing that fragment: an offer carrying a part has a word
    containing it, so one of ``words``."""
    remaining = set(words)
    chosen: list[str] = []
    while remaining:
        best, covered = max(
            ((part, {word for word in remaining if part in word}) for part in parts),
            key=lambda candidate: (len(candidate[1]), candidate[0]),
            default=("", set()),
        )
        if len(covered) < 2:
            break
        chosen.append(best)
        remaining -= covered
    return tuple(sorted({*chosen, *remaining}))
