"""The directory's fixtures: the small directory of ``directory.py`` in the test tenant."""

from __future__ import annotations

import pytest

from anlaufstelle.core.models import Tenant

from .directory import Directory, make_directory


@pytest.fixture
def directory(tenant: Tenant) -> Directory:
    return make_directory()
