"""The bundle's libraries lose their symbol tables and debug information only
when the loader maps the stripped copy the same way (duo_desktop/tools/
elf_strip.py, build_installer.spec; issue 15): GNU strip moved numpy's
patchelf-repaired OpenBLAS to offsets the loader refuses."""

from __future__ import annotations

import ctypes
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from duo_desktop.tools.elf_strip import (compact, program_headers, same_load_bytes, same_mapping, section_names,
                                         strip_library)

needs_binutils = pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("strip"),
                                    reason="ELF libraries and GNU strip (binutils)")
LOAD = 1
#          type, flags, offset,  vaddr,    paddr,    filesz,  memsz,   align
SEGMENT = (LOAD, 6, 0x346000, 0xBA000, 0xBA000, 0x31C0, 0x31C0, 0x1000)


def _with(**changes: int) -> tuple[int, ...]:
    fields = ("type", "flags", "offset", "vaddr", "paddr", "filesz", "memsz", "align")
    return tuple(changes.get(name, value) for name, value in zip(fields, SEGMENT, strict=True))


def test_a_segment_may_move_in_the_file_by_whole_pages_only():
    assert same_mapping((SEGMENT,), (SEGMENT,))
    assert same_mapping((SEGMENT,), (_with(offset=0xBA000),))  # strip dropped 2.5 MB in front of it
    assert not same_mapping((SEGMENT,), (_with(offset=0xBA008),))  # "address/offset not page-aligned"
    assert not same_mapping((SEGMENT,), (_with(offset=0xBA000, align=0x10000),))


def test_a_segment_keeps_its_address_and_its_pages():
    assert same_mapping((SEGMENT,), (_with(filesz=0x31BB, memsz=0x31BB),))  # padding in its last page
    assert not same_mapping((SEGMENT,), (_with(filesz=0xBF0, memsz=0xBF0),))  # a whole page less
    assert not same_mapping((SEGMENT,), (_with(vaddr=0xBB000, paddr=0xBB000),))
    assert not same_mapping((SEGMENT,), (_with(memsz=0x4000),))  # larger
    assert not same_mapping((SEGMENT,), (SEGMENT, SEGMENT))


def _copy_of(module_file: str, tmp_path: Path) -> Path:
    copy = tmp_path / Path(module_file).name
    shutil.copy2(module_file, copy)
    return copy


@needs_binutils
def test_a_library_with_symbols_is_stripped_and_still_loads(tmp_path):
    import lap._lapjv

    library = _copy_of(lap._lapjv.__file__, tmp_path)
    assert ".symtab" in section_names(library.read_bytes())
    before = library.stat().st_size
    saved = strip_library(library)
    assert saved > 0 and library.stat().st_size == before - saved
    assert ".symtab" not in section_names(library.read_bytes())
    ctypes.CDLL(str(library))  # the loader takes it (Python's own symbols are already loaded)


@needs_binutils
def test_openblas_repaired_by_auditwheel_loses_its_symbols_and_still_computes(tmp_path):
    numpy_libs = Path(__import__("numpy").__file__).parent.parent / "numpy.libs"
    found = sorted(numpy_libs.glob("lib*openblas*.so*"))
    if not found:
        pytest.skip("this numpy has no OpenBLAS of its own")
    for library in numpy_libs.iterdir():  # OpenBLAS finds libgfortran beside it
        shutil.copy2(library, tmp_path / library.name)
    library = tmp_path / found[0].name
    original = library.read_bytes()
    # what plain strip does to it: the loader refuses the result
    plain = tmp_path / "plain" / library.name
    plain.parent.mkdir()
    shutil.copy2(library, plain)
    subprocess.run(["strip", "--strip-unneeded", str(plain)], check=True)
    if not same_mapping(program_headers(original), program_headers(plain.read_bytes())):
        with pytest.raises(OSError, match="aligned"):
            ctypes.CDLL(str(plain))
    saved = strip_library(library)
    assert saved > 0 and ".symtab" not in section_names(library.read_bytes())
    blas = ctypes.CDLL(str(library))
    ddot = next(getattr(blas, name) for name in ("scipy_cblas_ddot64_", "cblas_ddot64_", "cblas_ddot")
                if hasattr(blas, name))
    ddot.restype = ctypes.c_double
    vector = (ctypes.c_double * 3)(1.0, 2.0, 3.0)
    assert ddot(ctypes.c_int64(3), vector, ctypes.c_int64(1), vector, ctypes.c_int64(1)) == 14.0


def test_a_hole_left_by_patchelf_is_closed_and_the_segments_keep_their_bytes():
    """libXau in Pillow's wheel: 16 KiB of library, a segment patchelf aligned
    to 2 MiB (made here: a minimal ELF with the same layout)."""
    ehdr_size, ph_size, sh_size = 64, 56, 64
    data = bytearray(0x200000 + 0x100)
    struct.pack_into("<4sBBBB8xHHIQQQIHHHHHH", data, 0, b"\x7fELF", 2, 1, 1, 0, 3, 62, 1, 0, ehdr_size,
                     0x200000 + 0x40, 0, ehdr_size, ph_size, 2, sh_size, 2, 1)
    struct.pack_into("<IIQQQQQQ", data, ehdr_size, LOAD, 5, 0, 0, 0, 0x200, 0x200, 0x200000)
    struct.pack_into("<IIQQQQQQ", data, ehdr_size + ph_size, LOAD, 6, 0x200000, 0x400000, 0x400000, 0x40, 0x40,
                     0x200000)
    data[0x100:0x110] = b"code" * 4
    data[0x200000:0x200010] = b".shstrtab\0" + b"\0" * 6
    struct.pack_into("<IIQQQQIIQQ", data, 0x200000 + 0x40 + sh_size, 1, 3, 0, 0, 0x200000, 16, 0, 0, 1, 0)
    compacted = compact(bytes(data))
    assert compacted is not None and len(compacted) < 0x10000
    assert same_load_bytes(bytes(data), compacted)
    assert same_mapping(program_headers(bytes(data)), program_headers(compacted))
    moved = program_headers(compacted)[1]
    assert moved[3] == 0x400000 and (moved[3] - moved[2]) % 0x1000 == 0 and moved[7] == 0x1000
    assert compacted[0x100:0x110] == b"code" * 4
