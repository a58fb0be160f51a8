"""A branch's PNG logo is read without Pillow (services/documents/png.py;
the bundle leaves Pillow out: issue 15). Its pixels are those Pillow reads,
for every kind of PNG a logo may be saved as, and the agreement carries it."""

from __future__ import annotations

import io
import struct
import sys
import zlib

import numpy as np
import pytest
from PIL import Image

from duo_desktop.services.documents.png import PngError, logo_image, read_png

RNG = np.random.default_rng(15)
PIXELS = (RNG.random((23, 31, 4)) * 255).astype(np.uint8)
PIXELS[:6] = (40, 90, 160, 255)  # a flat band, as logos have
# Paeth's tie between up (80) and up-left (100) for the byte right of 110 in row 4 (filtered with Paeth)
PIXELS[3, 10:12, 0], PIXELS[4, 10, 0] = (100, 80), 110


def _png(image: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", **options)
    return out.getvalue()


def _pillow(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    rgba = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))
    return rgba[..., :3], rgba[..., 3]


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "LA", "P", "1"])
@pytest.mark.parametrize("interlace", [0, 1])
def test_pixels_are_those_pillow_reads(mode, interlace):
    data = _png(Image.fromarray(PIXELS, "RGBA").convert(mode), interlace=interlace, optimize=True)
    rgb, alpha = read_png(data)
    expected_rgb, expected_alpha = _pillow(data)
    assert np.array_equal(rgb, expected_rgb)
    assert np.array_equal(alpha, expected_alpha) if alpha is not None else (expected_alpha == 255).all()


@pytest.mark.parametrize("bits", [2, 4])
def test_small_palettes_and_their_transparency(bits):
    image = Image.fromarray((PIXELS[..., 0] >> (8 - bits)).astype(np.uint8), "L").convert("P")
    image.putpalette([v for i in range(1 << bits) for v in (i * 40 % 256, i * 70 % 256, i * 90 % 256)])
    data = _png(image, bits=bits, transparency=1)
    rgb, alpha = read_png(data)
    expected_rgb, expected_alpha = _pillow(data)
    assert np.array_equal(rgb, expected_rgb) and np.array_equal(alpha, expected_alpha)
    assert (alpha == 0).any()


def test_a_colour_marked_transparent_and_sixteen_bit_grey():
    data = _png(Image.fromarray(PIXELS[..., :3], "RGB"), transparency=tuple(int(v) for v in PIXELS[0, 0, :3]))
    rgb, alpha = read_png(data)
    assert np.array_equal(rgb, PIXELS[..., :3]) and np.array_equal(alpha, _pillow(data)[1])
    grey = PIXELS[..., 1].astype(np.uint16) * 257
    rgb, alpha = read_png(_png(Image.fromarray(grey)))
    assert alpha is None and np.array_equal(rgb[..., 2], PIXELS[..., 1])  # the high byte of each sample


def _filtered(rows: np.ndarray, bpp: int) -> bytes:
    """PNG rows, row y with filter y % 5 (None, Sub, Up, Average, Paeth)."""
    out, prev = bytearray(), [0] * rows.shape[1]
    for y, row in enumerate(rows.tolist()):
        kind = y % 5
        line = []
        for i, value in enumerate(row):
            a, b, c = (row[i - bpp] if i >= bpp else 0), prev[i], (prev[i - bpp] if i >= bpp else 0)
            p = a + b - c
            paeth = a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c
            line.append((value - (0, a, b, (a + b) // 2, paeth)[kind]) % 256)
        out += bytes([kind] + line)
        prev = row
    return bytes(out)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_every_row_filter_is_undone():
    height, width = PIXELS.shape[:2]
    rows = PIXELS.reshape(height, width * 4)
    data = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(_filtered(rows, 4))) + _chunk(b"IEND", b""))
    rgb, alpha = read_png(data)
    assert np.array_equal(rgb, PIXELS[..., :3]) and np.array_equal(alpha, PIXELS[..., 3])
    assert np.array_equal(_pillow(data)[0], rgb)


def test_a_file_that_is_no_png_says_so(tmp_path):
    with pytest.raises(PngError):
        read_png(b"GIF89a" + bytes(20))
    whole = _png(Image.fromarray(PIXELS, "RGBA"))
    with pytest.raises(PngError):
        read_png(whole[:60])
    text = tmp_path / "logo.png"
    text.write_text("not an image", encoding="utf-8")
    with pytest.raises(PngError):
        logo_image(str(text))


def test_an_agreement_draws_a_png_and_a_jpeg_logo_without_pillow(tmp_path, monkeypatch):
    from reportlab.pdfgen.canvas import Canvas

    png, jpeg = tmp_path / "logo.png", tmp_path / "logo.jpeg"
    png.write_bytes(_png(Image.fromarray(PIXELS, "RGBA")))
    Image.fromarray(PIXELS[..., :3], "RGB").save(jpeg, "JPEG")
    monkeypatch.setitem(sys.modules, "PIL", None)  # as in the bundle
    monkeypatch.setattr("reportlab.lib.utils.Image", None)
    for logo, mark in ((png, b"/SMask"), (jpeg, b"/DCTDecode")):
        out = io.BytesIO()
        canvas = Canvas(out)
        canvas.drawImage(logo_image(str(logo)), 10, 10, width=40, height=40, mask="auto",
                         preserveAspectRatio=True)
        canvas.save()
        assert mark in out.getvalue() and b"/Width 31" in out.getvalue()
