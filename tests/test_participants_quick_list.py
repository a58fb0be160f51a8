"""What the participants screen shows first on a large database, before its
search index is built (issue 15): every listed person by name, and the
counts per status, the same on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import Participant
from duo_desktop.models import ParticipantStatus as S
from duo_desktop.services import participants as svc
from duo_desktop.store import open_store

from . import factories as f


def _programme(store) -> dict[str, int]:
    with store.transaction() as s:
        b = f.branch(s)
        ids = {name: f.participant(s, b, first=first, last=last, status=status).id
               for name, first, last, status in (
                   ("zoe", "Zoë", "Aerts", S.APPLICANT), ("ali", "Ali", "Yılmaz", S.READY_TO_MATCH),
                   ("amina", "Amina", "Aerts", S.IN_DUO), ("sara", "Sara", "Haddad", S.APPLICANT),
                   ("merged", "Sara", "Hadad", S.APPLICANT), ("erased", "", "", S.ALUMNI))}
        s.get(Participant, ids["merged"]).merged_into_id = ids["sara"]
        s.get(Participant, ids["erased"]).erased_on = dt.date(2026, 3, 16)
    return ids


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    if request.param == "sqlite":
        yield request.getfixturevalue("store")
        return
    store = open_store(request.getfixturevalue("pg_url"), backup_dir=tmp_path / "backups")
    yield store
    store.dispose()


def test_the_first_list_is_everyone_listed_by_name_with_their_counts(any_store):
    ids = _programme(any_store)
    with any_store.session() as s:
        listed = svc.quick_list(s)
        counts = svc.status_counts(s)
    # by last name, then first name; the merged and the anonymised person are not listed
    assert listed == [ids["amina"], ids["zoe"], ids["sara"], ids["ali"]]
    assert counts == {S.APPLICANT: 2, S.READY_TO_MATCH: 1, S.IN_DUO: 1}
