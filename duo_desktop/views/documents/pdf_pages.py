"""PDF pages drawn into QImages in memory with PDFium (pypdfium2): the
preview and the printer never need a file, let alone a temporary one."""

from __future__ import annotations

from collections.abc import Iterator

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

POINTS_PER_INCH = 72.0


def page_count(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def page_images(data: bytes, dpi: float) -> Iterator[QImage]:
    """Each page of the PDF as an image at ``dpi`` (white background)."""
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True,
                                 force_bitmap_format=pdfium.raw.FPDFBitmap_BGRA)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBA8888).copy()  # copy: the bitmap's memory goes away
            bitmap.close()
            page.close()
            yield image
    finally:
        document.close()
