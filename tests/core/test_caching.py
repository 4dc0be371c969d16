"""Remembered answers: kept by the process as well as in the shared cache, and never outliving a
``forget`` made anywhere or an emptied cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from anlaufstelle.core import caching
from anlaufstelle.core.caching import forget, remembered


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> list[int]:
        self.calls += 1
        return [self.calls]


@pytest.fixture(autouse=True)
def _fresh() -> None:
    cache.clear()
    caching._local.clear()


def test_the_second_ask_neither_computes_nor_reads_the_answer_from_the_shared_cache() -> None:
    compute = Counting()
    first = remembered("test-ns", "key", compute, timeout=60)
    version = cache.get("test-ns:version")
    cache.delete("test-ns:key", version=version)  # only this process's copy is left
    assert remembered("test-ns", "key", compute, timeout=60) is first
    assert compute.calls == 1


def test_another_process_reads_the_shared_cache_and_does_not_compute_again() -> None:
    compute = Counting()
    first = remembered("test-ns", "key", compute, timeout=60)
    caching._local.clear()  # as another app server would start: only the shared cache
    again = remembered("test-ns", "key", compute, timeout=60)
    assert again == first
    assert again is not first
    assert compute.calls == 1


def test_a_forget_elsewhere_reaches_the_copy_of_this_process_at_once() -> None:
    compute = Counting()
    remembered("test-ns", "key", compute, timeout=60)
    caching._bump("test-ns")  # what a change in another process does: a new version in the shared cache
    assert remembered("test-ns", "key", compute, timeout=60) == [2]


def test_an_emptied_shared_cache_does_not_bring_back_an_old_copy() -> None:
    """A counter would start again at 1 and find the copy made under the first 1; a random version
    does not."""
    compute = Counting()
    remembered("test-ns", "key", compute, timeout=60)
    cache.clear()
    assert remembered("test-ns", "key", compute, timeout=60) == [2]


def test_the_copy_expires_with_its_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    compute = Counting()
    remembered("test-ns", "key", compute, timeout=60)
    later = caching.time.monotonic() + 61
    monkeypatch.setattr(caching.time, "monotonic", lambda: later)
    cache.clear()  # the shared entry expired as well
    assert remembered("test-ns", "key", compute, timeout=60) == [2]


def test_the_process_keeps_a_bounded_number_of_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(caching, "LOCAL_ENTRIES", 3)
    for n in range(5):
        remembered("test-ns", f"key{n}", Counting(), timeout=60)
    assert [key for _namespace, key, _version in caching._local] == ["key2", "key3", "key4"]


def test_a_none_answer_is_remembered_too() -> None:
    calls = []
    for _ in range(2):
        assert remembered("test-ns", "nothing", lambda: calls.append(1), timeout=60) is None
    assert len(calls) == 1


@pytest.mark.django_db
def test_a_forget_in_this_process_reaches_its_copy_at_once() -> None:
    compute = Counting()
    remembered("test-ns", "key", compute, timeout=60)
    forget("test-ns")
    assert remembered("test-ns", "key", compute, timeout=60) == [2]
