"""Every interface string is translated into every language, with its placeholders intact,
and the catalogues contain every string the code uses (run `makemessages` after adding text)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
TARGETS = [code for code, _ in settings.LANGUAGES if code != "de"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / to_locale(code) / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", TARGETS)
def test_every_string_is_translated(code: str) -> None:
    po = catalogue(code)
    untranslated = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert untranslated == []


@pytest.mark.parametrize("code", TARGETS)
def test_translations_keep_every_placeholder(code: str) -> None:
    broken = []
    for entry in catalogue(code):
        if entry.msgid_plural:
            expected = sorted(PLACEHOLDER.findall(entry.msgid_plural))
            translations = list(entry.msgstr_plural.values())
        else:
            expected = sorted(PLACEHOLDER.findall(entry.msgid))
            translations = [entry.msgstr]
        broken += [entry.msgid for text in translations if sorted(PLACEHOLDER.findall(text)) != expected]
    assert broken == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext (xgettext)")
def test_the_catalogues_contain_every_string_of_the_code(tmp_path: Path) -> None:
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "anlaufstelle"
    shutil.copytree(root / "anlaufstelle", copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    subprocess.run(
        [sys.executable, str(root / "manage.py"), "makemessages", "-l", "en", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        check=True,
        env={
            "DJANGO_SETTINGS_MODULE": "anlaufstelle.settings.test",
            "PYTHONPATH": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        },
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))}
    known = {e.msgid for e in catalogue("en")}
    assert fresh - known == set()
