"""Build tool (not bundled): strip the symbol tables and debug information
from the bundle's shared libraries, but never in a way that moves what the
loader maps.

Why not PyInstaller's ``strip=True`` or a plain ``strip`` over every file:
the wheels' libraries repaired by auditwheel (patchelf) carry segments
placed after their symbol table; GNU strip then moves those segments to
offsets the loader refuses ("ELF load command address/offset not
page-aligned", seen with numpy's OpenBLAS). So each library is stripped into
a copy, and the copy replaces it only when the loader maps it the same
way (:func:`same_mapping`); else the original stays as it was.

    strip_library(path, strip="strip") -> bytes saved (0 when kept as it was)
    compact(data) -> the file without symbols, debug sections and holes, or None
    program_headers(data) -> the ELF64 program headers, a tuple of tuples
    same_mapping(before, after) -> bool: the loader maps both the same way
    section_names(data) -> the ELF64 section names
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

ELF_MAGIC = b"\x7fELF"


def program_headers(data: bytes) -> tuple[tuple[int, ...], ...] | None:
    """(type, flags, offset, vaddr, paddr, filesz, memsz, align) of each
    program header of a little-endian ELF64 file; None for anything else."""
    if data[:4] != ELF_MAGIC or data[4] != 2 or data[5] != 1:
        return None
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    entsize, count = struct.unpack_from("<HH", data, 0x36)
    return tuple(struct.unpack_from("<IIQQQQQQ", data, phoff + i * entsize) for i in range(count))


PAGE = 4096  # the smallest page size; a segment's own alignment (64 KiB on arm64 builds) when larger
PT_LOAD = 1


def same_mapping(before: tuple[tuple[int, ...], ...], after: tuple[tuple[int, ...], ...]) -> bool:
    """True when the loader maps both files' segments at the same addresses
    over the same pages: each program header keeps its type, flags, address
    and alignment; its file offset may move by whole pages (strip drops the
    symbol table a patchelf-repaired library keeps in front of a segment);
    its sizes may shrink only inside its last page (padding after its last
    section, which strip does not copy)."""
    if len(before) != len(after):
        return False
    for (typ, flags, offset, vaddr, paddr, filesz, memsz, align), new in zip(before, after, strict=True):
        n_typ, n_flags, n_offset, n_vaddr, n_paddr, n_filesz, n_memsz, n_align = new
        if (typ, flags, vaddr, paddr) != (n_typ, n_flags, n_vaddr, n_paddr) or n_align > align:
            return False
        if typ == PT_LOAD and (n_align < min(align, PAGE) or (n_vaddr - n_offset) % max(PAGE, n_align)):
            return False
        page = max(PAGE, n_align) if typ == PT_LOAD else PAGE
        if (offset - n_offset) % page or n_filesz > filesz or n_memsz > memsz or n_memsz < n_filesz:
            return False
        if memsz and (vaddr + memsz - 1) // PAGE != (vaddr + n_memsz - 1) // PAGE:
            return False
        if filesz and (offset + filesz - 1) // PAGE != (offset + filesz - (filesz - n_filesz) - 1) // PAGE:
            return False
    return True


def section_names(data: bytes) -> list[str]:
    """The section names of a little-endian ELF64 file."""
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    entsize, count, names_index = struct.unpack_from("<HHH", data, 0x3A)
    if not shoff or names_index >= count:
        return []
    sections = [struct.unpack_from("<IIQQQQ", data, shoff + i * entsize) for i in range(count)]
    names_offset = sections[names_index][4]
    return [data[names_offset + name:data.index(b"\0", names_offset + name)].decode("ascii", "replace")
            for name, *_rest in sections]


DEBUG = (".debug_", ".zdebug_", ".rela.debug_", ".rel.debug_")
SHF_ALLOC, SHT_NOBITS = 2, 8
SECTION = "<IIQQQQIIQQ"  # name, type, flags, addr, offset, size, link, info, addralign, entsize
SEGMENT = "<IIQQQQQQ"


def _has_symbols(data: bytes) -> bool:
    return any(name == ".symtab" or name.startswith(DEBUG) for name in section_names(data))


def compact(data: bytes) -> bytes | None:
    """The file without its symbol table and debug sections and without the
    holes between what is left (patchelf's): each piece moves down by whole
    pages, loaded segments byte for byte; None when the file is not a
    little-endian ELF64 or has nothing to gain."""
    headers = program_headers(data)
    if headers is None:
        return None
    (phoff, shoff) = struct.unpack_from("<QQ", data, 0x20)
    ph_size, ph_count, sh_size, sh_count, names_index = struct.unpack_from("<HHHHH", data, 0x36)
    sections = [list(struct.unpack_from(SECTION, data, shoff + i * sh_size)) for i in range(sh_count)]
    names = section_names(data)
    symtabs = {i for i, name in enumerate(names) if name == ".symtab"}
    drop = {i for i, (name, sec) in enumerate(zip(names, sections, strict=True))
            if i != names_index and not sec[2] & SHF_ALLOC
            and (i in symtabs or name.startswith(DEBUG) or any(sections[t][6] == i for t in symtabs))}
    regions = [(0, 64, 8), (phoff, phoff + ph_size * ph_count, 8), (shoff, shoff + sh_size * sh_count, 8)]
    regions += [(h[2], h[2] + h[5], PAGE) for h in headers if h[0] == PT_LOAD and h[5]]
    regions += [(sec[4], sec[4] + sec[5], max(1, sec[8])) for i, sec in enumerate(sections)
                if i not in drop and sec[1] != SHT_NOBITS and sec[5]]
    blocks: list[list[int]] = []  # [start, end, modulus]
    for start, end, modulus in sorted(regions):
        if blocks and start < blocks[-1][1]:
            blocks[-1][1] = max(blocks[-1][1], end)
            blocks[-1][2] = max(blocks[-1][2], modulus)
        else:
            blocks.append([start, end, modulus])
    moves, cursor = [], 0  # (old start, old end, new start)
    for start, end, modulus in blocks:
        new = cursor + (start - cursor) % modulus
        moves.append((start, end, new))
        cursor = new + end - start
    if cursor >= len(data) - PAGE:
        return None

    def moved(offset: int) -> int:
        for start, end, new in moves:
            if start <= offset <= end:
                return offset - start + new
        raise ValueError(offset)

    out = bytearray(cursor)
    for start, end, new in moves:
        out[new:new + end - start] = data[start:end]
    try:
        for i, header in enumerate(headers):
            typ, flags, offset, vaddr, paddr, filesz, memsz, align = header
            if filesz or typ == PT_LOAD:
                offset = moved(offset)
            if typ == PT_LOAD and (vaddr - offset) % max(align, 1):
                align = PAGE  # patchelf's 2 MiB alignment: the offset still agrees with the address by pages
            struct.pack_into(SEGMENT, out, moved(phoff) + i * ph_size,
                             typ, flags, offset, vaddr, paddr, filesz, memsz, align)
        for i, sec in enumerate(sections):
            if i in drop:
                sec = [0] * 10  # an inactive (SHT_NULL) entry: the indexes of the others stay
            elif sec[1] != SHT_NOBITS or sec[4] <= len(data):
                sec[4] = moved(sec[4]) if sec[1] != SHT_NOBITS else min(moved_or(sec[4], moved), cursor)
            struct.pack_into(SECTION, out, moved(shoff) + i * sh_size, *sec)
    except ValueError:
        return None
    struct.pack_into("<QQ", out, 0x20, moved(phoff), moved(shoff))
    return bytes(out)


def moved_or(offset: int, moved) -> int:  # noqa: ANN001 - a NOBITS section may sit past its segment's file bytes
    try:
        return moved(offset)
    except ValueError:
        return offset


def same_load_bytes(before: bytes, after: bytes) -> bool:
    """Every loaded segment holds the same bytes in both files, but for the
    file offsets that move with it (e_phoff and e_shoff, the program and the
    section headers: patchelf may leave the latter inside a loaded segment,
    where the loader never reads them)."""
    old, new = program_headers(before), program_headers(after)
    if old is None or new is None or len(old) != len(new):
        return False

    def blanked(data: bytes) -> bytes:
        phoff, shoff = struct.unpack_from("<QQ", data, 0x20)
        ph_size, ph_count, sh_size, sh_count = struct.unpack_from("<HHHH", data, 0x36)
        out = bytearray(data)
        out[0x20:0x30] = bytes(16)
        out[phoff:phoff + ph_size * ph_count] = bytes(ph_size * ph_count)
        out[shoff:shoff + sh_size * sh_count] = bytes(sh_size * sh_count)
        return bytes(out)

    before, after = blanked(before), blanked(after)
    return all(before[o[2]:o[2] + o[5]] == after[n[2]:n[2] + n[5]]
               for o, n in zip(old, new, strict=True) if o[0] == PT_LOAD)


def strip_library(path: Path, strip: str = "strip") -> int:
    """Shrink ``path`` in place when that is safe; return the bytes saved.

    GNU strip first; when the loader would not map its result the same way
    (patchelf-repaired libraries), :func:`compact`, accepted only when every
    loaded segment keeps its bytes and :func:`same_mapping` holds."""
    data = path.read_bytes()
    headers = program_headers(data)
    if headers is None:
        return 0
    best = data
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        if _has_symbols(data):
            shutil.copy2(path, copy)
            done = subprocess.run([strip, "--strip-unneeded", str(copy)], capture_output=True, check=False)
            stripped = copy.read_bytes() if done.returncode == 0 else data
            after = program_headers(stripped)
            if after is not None and same_mapping(headers, after) and len(stripped) < len(data):
                best = stripped
        compacted = compact(best)
        if compacted is not None and same_load_bytes(best, compacted) \
                and same_mapping(headers, program_headers(compacted)) and len(compacted) < len(best):
            best = compacted
        if best is data:
            return 0
        copy.write_bytes(best)
        shutil.copymode(path, copy)
        os.replace(copy, path)
    return len(data) - len(best)
