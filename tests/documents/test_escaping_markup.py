"""Paragraph markup made from user text (scripts.py), without drawing a
PDF: markup characters escaped in every script, each script in a face that
has it, right-to-left runs found and put in visual order with numbers kept
in reading order. (test_escaping.py reads the same back from the PDFs.)"""

from __future__ import annotations

import re

import pytest

from duo_desktop.services.documents.scripts import NBSP, rich, rtl_spans, visual_rtl
from tests.documents.test_escaping import SCRIPTS

@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_markup_in_a_name_of_any_script_is_escaped_in_the_paragraph_markup(script):
    first, last = SCRIPTS[script]
    markup = rich(f"{first} {last}")
    assert "<b>" not in markup and "<i>" not in markup and "<x" not in markup
    assert ("&lt;" in markup or "&gt;" in markup) and "&amp;" in markup  # "<" in right-to-left text is drawn ">"
    assert "& " not in markup.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")


# --- right-to-left runs: numbers keep their reading order ------------------------------------
def _numbers(text: str) -> list[str]:
    return re.findall(r"[#+\d][\d.,\-]*", text)


@pytest.mark.parametrize("typed,drawn", [
    ("رقم 12.5", ["12.5"]),  # a decimal point (CS) inside a number
    # signs (ES, ET) take the run's direction (UAX #9 W5-W7), as GNU FriBidi draws them: "470-32+", "12#"
    ("رقم 1,234 و +32-470", ["470-32", "+", "1,234"]),
    ("شقة #12", ["12", "#"]),
    ("رقم 12 و 34", ["34", "12"]),
    ("12 محمد", ["12"]),  # a number at the run's start stays whole
])
def test_numbers_inside_a_right_to_left_run_keep_their_reading_order(typed, drawn):
    out = visual_rtl(typed)
    assert _numbers(out) == drawn
    assert " " not in out and out.count(NBSP) == typed.count(" ")


def test_a_right_to_left_run_starts_at_its_first_letter_and_ends_at_a_line_break():
    assert rtl_spans("محمد x") == [(0, 4)]
    assert rtl_spans("x محمد") == [(2, 6)]
    assert rtl_spans("محمد\nعلي") == [(0, 4), (5, 8)]
    assert rtl_spans("مً x") == [(0, 2)]  # a mark on the last letter belongs to the run
    assert rtl_spans("Joëlle") == []


def test_each_face_gets_its_own_run_and_the_base_face_no_tag():
    assert rich("Фатима Иванова") == "Фатима Иванова"  # Cyrillic: in the base face
    assert rich("Ali ሰላም, Фатима") == 'Ali <font face="NotoSansEthiopic">ሰላም</font>, Фатима'
    assert rich("ሰላም 12") == '<font face="NotoSansEthiopic">ሰላም </font>12'  # the Ethiopic face has no digits
    assert rich("王 <b>\nሰላም") == ('<font face="DroidSansFallback">王 </font>&lt;b&gt;<br/>'
                                   '<font face="NotoSansEthiopic">ሰላም</font>')


def test_two_right_to_left_words_apart_are_two_runs():
    assert rtl_spans("محمد abc علي") == [(0, 4), (9, 12)]
