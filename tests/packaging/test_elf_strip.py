"""The bundle's libraries lose their symbol tables and debug information only
when the loader maps the stripped copy the same way (duo_desktop/tools/
elf_strip.py, build_installer.spec; issue 15): GNU strip moved numpy's
patchelf-repaired OpenBLAS to offsets the loader refuses."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from duo_desktop.tools.elf_strip import program_headers, same_mapping, section_names, strip_library

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
def test_openblas_repaired_by_auditwheel_is_kept_as_it_was(tmp_path):
    numpy_libs = Path(__import__("numpy").__file__).parent.parent / "numpy.libs"
    found = sorted(numpy_libs.glob("lib*openblas*.so*"))
    if not found:
        pytest.skip("this numpy has no OpenBLAS of its own")
    library = _copy_of(str(found[0]), tmp_path)
    original = library.read_bytes()
    # what plain strip does to it: the loader refuses the result
    plain = tmp_path / "plain" / library.name
    plain.parent.mkdir()
    shutil.copy2(library, plain)
    subprocess.run(["strip", "--strip-unneeded", str(plain)], check=True)
    if same_mapping(program_headers(original), program_headers(plain.read_bytes())):
        pytest.skip("this OpenBLAS strips cleanly")
    with pytest.raises(OSError):
        ctypes.CDLL(str(plain))
    assert strip_library(library) == 0
    assert library.read_bytes() == original
