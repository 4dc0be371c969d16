"""What a visitor sees on the public pages, in German, English and Arabic, in a real browser.

Interface texts are compared with the translation catalogue (``translated``), so the tests
follow the translators' wording; content texts come from the tenant of ``site``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.utils import translation
from playwright.sync_api import BrowserContext, FloatRect, Locator, Page, expect

from .conftest import Site

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
PREFIX = {"de": "", "en": "/en", "ar": "/ar", "fa": "/fa"}

AxeRunner = Callable[[Page], list[str]]
ContextMaker = Callable[..., BrowserContext]


def translated(language: str, text: str) -> str:
    """``text`` (German source) as the interface shows it in ``language``."""
    with translation.override(language):
        return translation.gettext(text)


def url(language: str, path: str = "/") -> str:
    return f"{PREFIX[language]}{path}"


# --- The start page ---------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_the_start_page_shows_welcome_paths_opening_hours_and_legal_links(
    page: Page, site: Site, language: str
) -> None:
    page.goto(url(language))

    welcome = translated(language, "Willkommen in %(name)s") % {"name": "Musterstadt"}
    expect(page.get_by_role("heading", level=1)).to_have_text(welcome)
    expect(page.get_by_text(site.intro[language])).to_be_visible()

    paths = page.get_by_role("region", name=translated(language, "Was möchten Sie tun?"))
    for path in ("Angebot finden", "Termin buchen", "Kontakt aufnehmen"):
        expect(paths.get_by_role("heading", name=translated(language, path), exact=True)).to_be_visible()
    expect(paths.get_by_role("link", name=translated(language, "Zum Kontakt"))).to_have_attribute(
        "href", url(language, "/kontakt/")
    )

    hours = page.get_by_role("region", name=translated(language, "Öffnungszeiten"))
    monday = hours.get_by_role("row", name=re.compile(translated(language, "Montag")))
    expect(monday).to_contain_text("08:00–12:00")
    thursday = hours.get_by_role("row", name=re.compile(translated(language, "Donnerstag")))
    expect(thursday).to_contain_text("14:00–18:00")

    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name=translated(language, "Impressum"))).to_have_attribute(
        "href", url(language, "/impressum/")
    )
    expect(footer.get_by_role("link", name=translated(language, "Datenschutz"))).to_have_attribute(
        "href", url(language, "/datenschutz/")
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_start_page_interface_is_translated_not_left_in_german(page: Page, site: Site, language: str) -> None:
    page.goto(url(language))

    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading != "Willkommen in Musterstadt", f"/{language}/ still shows the German heading"
    if language == "ar":
        assert ARABIC_SCRIPT.search(heading), f"the Arabic heading has no Arabic letters: {heading!r}"


@pytest.mark.parametrize(("language", "direction"), [("de", "ltr"), ("en", "ltr"), ("ar", "rtl"), ("fa", "rtl")])
def test_the_page_declares_its_language_and_writing_direction(
    page: Page, site: Site, language: str, direction: str
) -> None:
    page.goto(url(language))

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", direction)


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_arabic_script_text_is_never_marked_as_a_latin_script_language(page: Page, site: Site, language: str) -> None:
    # A screen reader picks its voice from the nearest lang: Arabic text inside lang="de"
    # would be read out with German pronunciation rules (WCAG 3.1.2, language of parts).
    page.goto(url(language))

    mislabelled = page.evaluate(
        """([pattern, arabicScript]) => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const found = [];
            while (walker.nextNode()) {
                const text = walker.currentNode.textContent.trim();
                const lang = walker.currentNode.parentElement.closest('[lang]').lang;
                if (new RegExp(pattern).test(text) && !arabicScript.includes(lang)) found.push(`${lang}: ${text}`);
            }
            return found;
        }""",
        [ARABIC_SCRIPT.pattern, ["ar", "fa"]],
    )

    assert mislabelled == []


def box(locator: Locator) -> FloatRect:
    """Where ``locator`` is drawn on the screen (it must be visible)."""
    rect = locator.bounding_box()
    assert rect is not None, f"{locator} is not rendered"
    return rect


def text_box(locator: Locator) -> FloatRect:
    """Where the text of ``locator`` is drawn (a block element is wider than its text)."""
    return locator.evaluate(
        """(element) => {
            const range = document.createRange();
            range.selectNodeContents(element);
            const {x, y, width, height} = range.getBoundingClientRect();
            return {x, y, width, height};
        }"""
    )


def test_the_arabic_start_page_is_laid_out_right_to_left(page: Page, site: Site) -> None:
    page.goto(url("ar"))

    main = page.get_by_role("main")
    assert main.evaluate("element => getComputedStyle(element).direction") == "rtl"
    brand = box(page.get_by_role("banner").get_by_role("link", name=re.compile("Musterstadt")))
    switcher = box(page.locator(".language-switcher"))
    assert brand["x"] > switcher["x"] + switcher["width"], "the brand should sit right of the language switcher"
    heading = page.get_by_role("heading", level=1)
    line, text = box(heading), text_box(heading)
    assert abs((text["x"] + text["width"]) - (line["x"] + line["width"])) < 1, "the heading should end at the right"
    assert text["x"] > line["x"] + 1, "the heading should leave room on the left"


def test_the_german_start_page_is_laid_out_left_to_right(page: Page, site: Site) -> None:
    page.goto(url("de"))

    assert page.get_by_role("main").evaluate("element => getComputedStyle(element).direction") == "ltr"
    brand = box(page.get_by_role("banner").get_by_role("link", name=re.compile("Musterstadt")))
    switcher = box(page.locator(".language-switcher"))
    assert brand["x"] + brand["width"] < switcher["x"], "the brand should sit left of the language switcher"
    heading = page.get_by_role("heading", level=1)
    line, text = box(heading), text_box(heading)
    assert abs(text["x"] - line["x"]) < 1, "the heading should start at the left"


# --- Language switcher, keyboard, no JavaScript ----------------------------------------


def test_the_language_switcher_keeps_the_visitor_on_the_same_page(page: Page, site: Site) -> None:
    page.goto(url("de", "/kontakt/"))

    page.locator("summary").filter(has_text="Deutsch").click()
    page.get_by_role("link", name="English", exact=True).click()

    expect(page).to_have_url(f"{site.url}/en/kontakt/")
    expect(page.get_by_role("heading", level=1)).to_have_text(translated("en", "Kontakt"))
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_public_pages_work_without_javascript(make_context: ContextMaker, site: Site) -> None:
    page = make_context(java_script_enabled=False).new_page()
    page.goto(url("de"))
    arabic = page.get_by_role("link", name="العربيّة")
    expect(arabic).to_be_hidden()

    page.locator("summary").filter(has_text="Deutsch").click()
    expect(arabic).to_be_visible()
    arabic.click()

    expect(page).to_have_url(f"{site.url}/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_text(site.intro["ar"])).to_be_visible()
    page.get_by_role("link", name=translated("ar", "Zum Kontakt")).click()
    expect(page).to_have_url(f"{site.url}/ar/kontakt/")
    expect(page.get_by_role("heading", level=1)).to_have_text(translated("ar", "Kontakt"))


def test_the_first_tab_reaches_the_skip_link_and_enter_jumps_to_the_content(page: Page, site: Site) -> None:
    page.goto(url("de"))

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip_link).to_be_focused()
    assert box(skip_link)["y"] >= 0, "the focused skip link must be on screen"

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()


# --- Error pages ------------------------------------------------------------------------


def test_a_missing_page_in_arabic_says_so_in_arabic_right_to_left(page: Page, site: Site) -> None:
    response = page.goto(url("ar", "/gibt-es-nicht/"))

    assert response is not None
    assert response.status == 404
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(translated("ar", "Seite nicht gefunden"))
    assert ARABIC_SCRIPT.search(heading.inner_text()), "the Arabic 404 heading has no Arabic letters"
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("link", name=translated("ar", "Zur Startseite"))).to_have_attribute("href", "/ar/")


# --- Accessibility (axe-core, WCAG 2.1 A + AA) ----------------------------------------

PUBLIC_PAGES = {
    "start": ("/", 200),
    "contact": ("/kontakt/", 200),
    "imprint": ("/impressum/", 200),
    "privacy": ("/datenschutz/", 200),
    "staff-login": ("/mitarbeit/anmelden/", 200),
    "not-found": ("/gibt-es-nicht/", 404),
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_every_public_page_has_no_wcag_21_aa_violations(
    page: Page, site: Site, axe_violations: AxeRunner, language: str, name: str
) -> None:
    path, status = PUBLIC_PAGES[name]
    response = page.goto(url(language, path))
    assert response is not None
    assert response.status == status

    violations = axe_violations(page)

    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_start_page_on_a_narrow_phone_has_no_violations_and_no_sideways_scrolling(
    make_context: ContextMaker, site: Site, axe_violations: AxeRunner, language: str
) -> None:
    page = make_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True).new_page()
    page.goto(url(language))

    violations = axe_violations(page)

    assert not violations, "\n".join(violations)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a 360px phone screen"
