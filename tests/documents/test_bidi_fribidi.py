"""The printed order of right-to-left text (services/documents/scripts.rich)
against GNU FriBidi's, the reference implementation of the Unicode
Bidirectional Algorithm, on names and addresses that mix Arabic, Persian,
digits (European, Arabic-Indic, Persian), brackets, quotes and Latin.

The oracle is the ``fribidi`` program (Debian package libfribidi-bin, which
tools/install_system_deps.sh installs). Without it the test is skipped on a
developer's machine and fails in CI (CI=true), so the check cannot vanish
unnoticed. Both sides shape Arabic letters (presentation forms, ligatures
such as lam-alef) in their own way; the comparison is of the order of the
letters, so each side is brought back to plain letters first (a ligature
drawn left to right holds its letters in reverse)."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import unicodedata

import pytest

from duo_desktop.services.documents.scripts import rich

CORPUS = [
    "محمد العلي",
    "Rue de la Loi 16, محمد",
    "شارع الملك فهد 12",
    "محمد (Mohamed) بن علي",
    "فاطمه زهرا رضایی",
    "خیابان ولیعصر، پلاک ۲۳",
    "عبد الله [Abdallah] 1990",
    "Avenue Louise 231 (شقة 4)",
    "رقم 1,234 و +32-470",
    "أحمد/Ahmed - 3 rue Haute",
    "مريم «Maryam» الحسن",
    "١٢٣ شارع النيل",
    "Boîte 5B, عمارة النور (الطابق 2)",
    "نرگس (۱۳۷۰) Kabul",
    "Ali محمد 12 Bruxelles",
    "شقة #12، الطابق -1",
    "Mme سارة (née 1985) — 4000 Liège",
]


def _plain(visual: str) -> str:
    out = []
    for char in visual:
        letters = unicodedata.normalize("NFKC", char)
        if len(letters) > 1 and 0xFB50 <= ord(char) <= 0xFEFF:
            letters = letters[::-1]  # a ligature in visual order: its letters right to left
        out.append(letters)
    return "".join(out).replace("\u00a0", " ").replace("\ufeff", "")  # FriBidi fills a ligature's gap with U+FEFF


def _printed(text: str) -> list[str]:
    """The lines as the PDF draws them, left to right (the paragraph markup without its tags)."""
    markup = rich(text).replace("<br/>", "\n")
    return [_plain(html.unescape(re.sub(r"<[^>]+>", "", line))) for line in markup.split("\n")]


def _fribidi(lines: list[str]) -> list[str]:
    binary = shutil.which("fribidi")
    if binary is None:
        reason = ("GNU FriBidi's `fribidi` program is not installed (Debian package libfribidi-bin; "
                  "tools/install_system_deps.sh installs it)")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    done = subprocess.run([binary, "--nopad", "--nobreak", "--charset", "UTF-8"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, encoding="utf-8", check=True, timeout=60)
    return [_plain(line) for line in done.stdout.split("\n")[:len(lines)]]


def test_printed_order_is_fribidis_on_mixed_names_and_addresses():
    expected = _fribidi(CORPUS)
    printed = [_printed(text)[0] for text in CORPUS]
    wrong = [(text, got, want) for text, got, want in zip(CORPUS, printed, expected, strict=True) if got != want]
    assert not wrong, "\n".join(f"{t!r}: printed {g!r}, FriBidi {w!r}" for t, g, w in wrong)


def test_each_line_of_a_multi_line_address_is_ordered_on_its_own():
    text = "شارع النيل 5\n1000 Bruxelles\n(مدخل B)"
    assert _printed(text) == _fribidi(text.split("\n"))
