"""A branch's PNG logo read for ReportLab without Pillow (issue 15: the
bundle leaves Pillow out, 5 MB with its libraries; ReportLab needs it for
any picture but a JPEG, which it copies into the PDF itself).

PNG as the W3C specifies it (https://www.w3.org/TR/png-3/): every colour
type, bit depth 1 to 16, the five row filters, Adam7 interlacing, a palette
and tRNS transparency. The rows are unfiltered with numpy (None, Sub, Up) or
one byte at a time (Average, Paeth: each byte depends on the one before), so
a big logo is scaled down to what a 14 mm header needs before it reaches the
PDF.

    logo_image(path) -> a ReportLab ImageReader for canvas.drawImage: a JPEG
        copied as it is, a PNG decoded here (cached per file)
    read_png(data) -> (rgb: uint8 array h x w x 3, alpha: uint8 h x w or None)
    Raises PngError (a ValueError) for a file that is not a readable PNG.
"""

from __future__ import annotations

import functools
import io
import struct
import zlib
from pathlib import Path

import numpy as np

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type -> samples per pixel
# Adam7 passes: first column, first row, column step, row step
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
MAX_SIDE = 600  # pixels: 14 mm at 1,000 dpi; a bigger logo is scaled down by a whole factor


class PngError(ValueError):
    pass


def _chunks(data: bytes) -> dict[bytes, list[bytes]]:
    if not data.startswith(SIGNATURE):
        raise PngError("not a PNG file")
    found: dict[bytes, list[bytes]] = {}
    pos = len(SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        found.setdefault(kind, []).append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
        if kind == b"IEND":
            break
    if b"IHDR" not in found or b"IDAT" not in found:
        raise PngError("a PNG file without its header or image data")
    return found


def _sequential(line: np.ndarray, prev: np.ndarray, bpp: int, kind: int) -> np.ndarray:
    cur, up = line.tolist(), prev.tolist()
    for i in range(len(cur)):
        a, c = (cur[i - bpp], up[i - bpp]) if i >= bpp else (0, 0)
        b = up[i]
        if kind == 3:
            cur[i] = (cur[i] + ((a + b) >> 1)) & 255
            continue
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    return np.array(cur, dtype=np.uint8)


def _unfilter(raw: bytes, height: int, stride: int, bpp: int) -> np.ndarray:
    rows = np.frombuffer(raw, dtype=np.uint8)
    if rows.size < height * (stride + 1):
        raise PngError("the PNG image data is truncated")
    rows = rows[:height * (stride + 1)].reshape(height, stride + 1)
    out = np.empty((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.uint8)
    for y in range(height):
        kind, line = int(rows[y, 0]), rows[y, 1:]
        if kind == 0:
            line = line.copy()
        elif kind == 1:  # each byte adds the one a pixel before: a running sum per byte of the pixel
            line = np.cumsum(line.reshape(-1, bpp), axis=0, dtype=np.uint8).reshape(stride)
        elif kind == 2:
            line = line + prev
        elif kind in (3, 4):
            line = _sequential(line, prev, bpp, kind)
        else:
            raise PngError(f"unknown PNG row filter {kind}")
        out[y] = line
        prev = out[y]
    return out


def _samples(rows: np.ndarray, width: int, depth: int, channels: int) -> np.ndarray:
    height = rows.shape[0]
    if depth == 8:
        return rows[:, :width * channels].reshape(height, width, channels)
    if depth == 16:
        pairs = rows[:, :width * channels * 2].reshape(height, width, channels, 2).astype(np.uint16)
        return (pairs[..., 0] << 8) | pairs[..., 1]
    bits = np.unpackbits(rows, axis=1)[:, :width * depth].reshape(height, width, depth)
    weights = (1 << np.arange(depth - 1, -1, -1)).astype(np.uint8)
    return (bits * weights).sum(axis=2, dtype=np.uint8).reshape(height, width, 1)


def read_png(data: bytes) -> tuple[np.ndarray, np.ndarray | None]:
    """The pixels of a PNG file: RGB (h x w x 3) and alpha (h x w) or None, 8 bits each."""
    chunks = _chunks(data)
    try:
        width, height, depth, colour, _method, _filter, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
        channels = CHANNELS[colour]
        raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    except (KeyError, struct.error, zlib.error) as exc:
        raise PngError(f"a damaged PNG file ({exc})") from None
    if depth not in (1, 2, 4, 8, 16) or not width or not height or width * height > 50_000_000:
        raise PngError(f"an unsupported PNG image ({width} x {height}, {depth} bits)")
    bits = depth * channels
    samples = np.zeros((height, width, channels), dtype=np.uint16 if depth == 16 else np.uint8)
    offset = 0
    for x0, y0, dx, dy in ADAM7 if interlace else ((0, 0, 1, 1),):
        w, h = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
        if not w or not h:
            continue
        stride = (w * bits + 7) // 8
        rows = _unfilter(raw[offset:offset + h * (stride + 1)], h, stride, max(1, bits // 8))
        offset += h * (stride + 1)
        samples[y0::dy, x0::dx] = _samples(rows, w, depth, channels)
    return _colours(samples, colour, depth, chunks)


def _colours(samples: np.ndarray, colour: int, depth: int, chunks: dict) -> tuple[np.ndarray, np.ndarray | None]:
    trns = chunks.get(b"tRNS", [None])[0]
    alpha = None
    if colour == 3:
        if b"PLTE" not in chunks:
            raise PngError("a palette PNG file without its palette")
        palette = np.zeros((256, 3), dtype=np.uint8)
        given = np.frombuffer(chunks[b"PLTE"][0], dtype=np.uint8)[:768]
        palette[:given.size // 3] = given[:given.size // 3 * 3].reshape(-1, 3)
        index = samples[..., 0]
        if trns is not None:
            table = np.full(256, 255, dtype=np.uint8)
            table[:len(trns[:256])] = np.frombuffer(trns[:256], dtype=np.uint8)
            alpha = table[index]
        return palette[index], alpha
    if colour in (0, 2) and trns is not None:
        key = np.array(struct.unpack(f">{CHANNELS[colour]}H", trns[:2 * CHANNELS[colour]]), dtype=np.uint16)
        alpha = np.where((samples == key).all(axis=2), 0, 255).astype(np.uint8)
    elif colour in (4, 6):
        alpha, samples = samples[..., -1], samples[..., :-1]
    if depth == 16:
        samples = (samples >> 8).astype(np.uint8)
        alpha = (alpha >> 8).astype(np.uint8) if alpha is not None and alpha.dtype == np.uint16 else alpha
    elif depth < 8:
        samples = (samples.astype(np.uint16) * 255 // ((1 << depth) - 1)).astype(np.uint8)
    rgb = np.repeat(samples, 3, axis=2) if samples.shape[2] == 1 else samples
    return np.ascontiguousarray(rgb), None if alpha is None else np.ascontiguousarray(alpha)


def _scaled(pixels: np.ndarray) -> np.ndarray:
    step = -(-max(pixels.shape[:2]) // MAX_SIDE)
    return pixels if step <= 1 else pixels[::step, ::step]


@functools.lru_cache(maxsize=8)
def _decoded(path: str, _mtime_ns: int, _size: int):  # noqa: ANN202 - an ImageReader
    from reportlab.lib.utils import ImageReader

    class Decoded(ImageReader):
        """ReportLab's image reader over pixels already decoded, or over a
        JPEG file ReportLab copies as it is (neither needs Pillow)."""

        def __init__(self, pixels: np.ndarray | None, mode: str, alpha: Decoded | None = None,
                     jpeg: bytes | None = None) -> None:
            self.fileName, self._ident, self.fp, self._image = path, None, None, None
            self._jpeg, self.mode, self._dataA, self._transparent = jpeg, mode, alpha, None
            if pixels is not None:
                self._height, self._width = pixels.shape[:2]
                self._data = pixels.tobytes()
            else:
                self._width = self._height = 1  # ReportLab reads the JPEG's own size
                self._data = jpeg

        def getRGBData(self) -> bytes:  # noqa: N802 - ReportLab's name
            return self._data

        def getTransparent(self) -> None:  # noqa: N802
            return None

        def jpeg_fh(self):  # noqa: ANN201
            return None if self._jpeg is None else io.BytesIO(self._jpeg)

    data = Path(path).read_bytes()
    if data.startswith(b"\xff\xd8"):
        return Decoded(None, "RGB", jpeg=data)
    if not data.startswith(SIGNATURE):
        raise PngError("a logo must be a PNG or JPEG image")
    rgb, alpha = read_png(data)
    return Decoded(_scaled(rgb), "RGB", None if alpha is None else Decoded(_scaled(alpha), "L"))


def logo_image(path: str):  # noqa: ANN201 - an ImageReader, as canvas.drawImage takes
    """What ReportLab's drawImage draws the logo from: a JPEG file as it is,
    a PNG decoded here (cached per file and modification). Raises PngError
    for a file that is neither a JPEG nor a readable PNG, OSError when the
    file cannot be read."""
    stat = Path(path).stat()
    return _decoded(str(path), stat.st_mtime_ns, stat.st_size)
