"""QR codes (library ``qrcode``): inline SVG for pages, PNG (pure Python, pypng) for mail."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.pure
import qrcode.image.svg


def qr_svg(data: str, *, box_size: int = 8, labelled_by: str = "") -> str:
    """An inline ``<svg>``; ``labelled_by`` names the element that describes it (role="img")."""
    svg = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size).to_string(
        encoding="unicode"
    )
    if labelled_by:
        svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{labelled_by}" ', 1)
    return svg


def qr_png(data: str, *, box_size: int = 8) -> bytes:
    buffer = io.BytesIO()
    qrcode.make(data, image_factory=qrcode.image.pure.PyPNGImage, box_size=box_size, border=2).save(buffer)
    return buffer.getvalue()
