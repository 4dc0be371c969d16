"""How text is folded and split into words, alike for the index and for a query."""

from __future__ import annotations

import re
import unicodedata

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
