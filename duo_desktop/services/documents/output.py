"""Writing a finished PDF to the place the user chose: whole or not at all,
and never through a temporary folder (personal data)."""

from __future__ import annotations

import os
from pathlib import Path


def write_pdf(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: a crash leaves either
    the old file or the new one, never half a PDF."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()
