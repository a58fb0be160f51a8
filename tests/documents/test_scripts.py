"""Names in any script: escaped, in a face that has the letters, and Arabic
joined and in right-to-left order."""

from __future__ import annotations

import arabic_reshaper

from duo_desktop.services.documents.scripts import NBSP, rich, rtl_spans, visual_rtl


def test_markup_characters_are_escaped():
    assert rich("Ali <b> & Co") == "Ali &lt;b&gt; &amp; Co"


def test_each_script_gets_a_face_that_has_its_letters():
    assert rich("Фатима Иванова") == "Фатима Иванова"  # Noto Sans has Cyrillic
    assert rich("ሰላም ተስፋይ") == '<font face="NotoSansEthiopic">ሰላም ተስፋይ</font>'
    assert rich("王小明") == '<font face="DroidSansFallback">王小明</font>'


def test_words_of_a_right_to_left_name_are_in_visual_order():
    shaped = arabic_reshaper.reshape("محمد العلي")
    first, second = shaped.split(" ")
    # drawn left to right: the last word first, each word's letters reversed
    assert visual_rtl("محمد العلي") == second[::-1] + NBSP + first[::-1]
    # letters are joined: contextual presentation forms, no isolated base letters
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in visual_rtl("محمد").replace(NBSP, ""))


def test_numbers_keep_their_order_and_brackets_mirror_inside_arabic():
    out = visual_rtl("شارع (12)")
    assert "(12)" in out and out.endswith(arabic_reshaper.reshape("شارع")[::-1])


def test_right_to_left_run_stops_before_latin_text():
    text = "Rue 5, محمد العلي x"
    (start, end), = rtl_spans(text)
    assert text[start:end] == "محمد العلي"
    assert rich(text).startswith("Rue 5, <font face=\"NotoSansArabic\">") and rich(text).endswith("</font>x")
