"""--self-check refuses what a broken installation would silently do."""

from __future__ import annotations

import io

from duo_desktop import selfcheck


def test_a_missing_catalog_fails_the_self_check_instead_of_falling_back_to_english(tmp_path, monkeypatch):
    monkeypatch.setattr(selfcheck, "COMPILED_DIR", tmp_path / "locale")
    out = io.StringIO()
    assert selfcheck.run(out) == 1
    lines = out.getvalue().splitlines()
    assert any(line.startswith("FAIL catalogs: ") and "fr: no compiled catalog" in line for line in lines)
    assert lines[-1] == "FAILED (1 checks)"


def test_an_untranslated_catalog_fails_the_self_check(monkeypatch):
    monkeypatch.setitem(selfcheck.KNOWN, "nl", ("Language", "Langue"))  # what an nl catalog must not say
    out = io.StringIO()
    assert selfcheck.run(out) == 1
    assert "FAIL catalogs: AssertionError: nl: 'Language' reads 'Taal'" in out.getvalue()


def test_the_source_tree_passes_its_self_check():
    out = io.StringIO()
    assert selfcheck.run(out) == 0, out.getvalue()
    assert out.getvalue().splitlines()[-1] == "OK"
