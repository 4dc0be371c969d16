"""Build front-end assets that npm does not ship ready-made: subset web fonts.

KERN's Fira Sans files carry every glyph (130 KB each). Newcomers on cheap phones should not
pay that: we cut Latin and Cyrillic subsets of the two weights KERN uses (400, 600) with
fontTools and declare them with unicode-range, so a browser loads only what a page needs.
Arabic and Persian use the system's fonts (Fira Sans has no Arabic glyphs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from fontTools import subset

SUBSETS = {
    # name: (unicode ranges for fontTools, CSS unicode-range)
    "latin": (
        "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2212,U+0100-017F,U+2190-2193",
        "U+0000-00FF, U+0100-017F, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, "
        "U+2000-206F, U+20AC, U+2122, U+2190-2193, U+2212",
    ),
    "cyrillic": ("U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116", "U+0400-045F, U+0490-0491, U+04B0-04B1, U+2116"),
}
WEIGHTS = {400: "FiraSans-Regular.woff2", 600: "FiraSans-SemiBold.woff2"}


class Command(BaseCommand):
    help = "Subset the KERN web fonts into var/build/fonts (run by `make install`)."

    def handle(self, *args: Any, **options: Any) -> None:
        source = settings.BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist" / "fonts" / "fira-sans"
        if not source.exists():
            raise CommandError(f"{source} is missing: run `npm ci` first.")
        target = Path(settings.VAR_DIR) / "build" / "fonts"
        target.mkdir(parents=True, exist_ok=True)
        css = []
        for weight, filename in WEIGHTS.items():
            for name, (ranges, css_range) in SUBSETS.items():
                out = target / f"fira-sans-{weight}-{name}.woff2"
                options_ = subset.Options()
                options_.flavor = "woff2"
                options_.layout_features = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk", "tnum"]
                options_.desubroutinize = True
                font = subset.load_font(str(source / filename), options_)
                subsetter = subset.Subsetter(options_)
                subsetter.populate(unicodes=subset.parse_unicodes(ranges))
                subsetter.subset(font)
                subset.save_font(font, str(out), options_)
                css.append(
                    "@font-face{font-family:'Fira Sans';font-style:normal;font-display:swap;"
                    f"font-weight:{weight};src:url('{out.name}') format('woff2');unicode-range:{css_range}}}"
                )
                self.stdout.write(f"{out.name}: {out.stat().st_size} bytes")
        (target / "fonts.css").write_text("\n".join(css) + "\n")
