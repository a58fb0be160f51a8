"""Each document test starts with an empty cache of paragraph markup
(scripts.rich is memoised): a test never reads markup another test made."""

from __future__ import annotations

import pytest

from duo_desktop.services.documents.scripts import rich


@pytest.fixture(autouse=True)
def _fresh_markup_cache():
    rich.cache_clear()
    yield
