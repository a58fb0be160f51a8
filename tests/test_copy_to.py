"""Moving a laptop's database to the branch server (issue 16): ``copy-to``
copies every table with its ids, history and audit trail in one
transaction, compares the counts, and the target takes new records
afterwards (its sequences were advanced). A target holding data is refused
and left as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from duo_desktop.__main__ import main
from duo_desktop.models import AuditEntry, Branch, Participant, Role
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services.demo import generate
from duo_desktop.store import open_store
from duo_desktop.store.copy import copy_database, count_rows

from . import factories as f
from .conftest import TODAY

NOW = dt.datetime(2026, 3, 16, 10)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A small demo programme in a SQLite file (about 60 participants)."""
    folder = tmp_path_factory.mktemp("copy-source")
    path = folder / "laptop.sqlite3"
    store = open_store(f"sqlite:///{path}", backup_dir=folder / "backups")
    generate(store.engine, participants=60, seed=3, today=TODAY)
    with store.transaction() as s:  # an audit trail of a few corrections
        s.add_all(AuditEntry(at=NOW, action="update", entity="participant", entity_id=n, details={"fields": ["phone"]})
                  for n in (3, 1, 2))
    store.dispose()
    return path


def _counts(url):
    store = open_store(url, check=False)
    try:
        with store.engine.connect() as connection:
            return count_rows(connection)
    finally:
        store.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def target_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"  # not there yet: created at head by copy-to
    return request.getfixturevalue("pg_url")


def test_everything_is_copied_and_the_target_takes_a_new_proposal(source, target_url, capsys):
    expected = _counts(f"sqlite:///{source}")
    assert expected["participant"] >= 60 and expected["duo_stage_change"] and expected["audit_entry"] >= 4

    assert main(["--database", str(source), "copy-to", target_url]) == 0
    out, _err = capsys.readouterr()
    assert _counts(target_url) == expected
    for table in ("participant", "duo_stage_change", "audit_entry"):
        line = next(row for row in out.splitlines() if row.startswith(table + " "))
        assert line.split()[1:] == [str(expected[table])] * 2, line  # printed: source and target counts
    assert "égaux" in out  # the French summary: every count is equal

    origin, target = open_store(f"sqlite:///{source}"), open_store(target_url)
    try:
        with origin.session() as a, target.session() as b:  # same ids, same history, same audit trail
            people = select(Participant.id, Participant.last_name, Participant.status).order_by(Participant.id)
            assert a.execute(people).all() == b.execute(people).all()
            trail = select(AuditEntry.id, AuditEntry.entity, AuditEntry.entity_id).order_by(AuditEntry.id)
            assert a.execute(trail).all() == b.execute(trail).all()
        with target.transaction() as s:  # new ids after the copied ones: the sequences were advanced
            branch = s.scalars(select(Branch).order_by(Branch.id)).first()
            mentor = f.participant(s, branch, role=Role.MENTOR)
            mentee = f.participant(s, branch, role=Role.MENTEE)
            duo = life.propose(s, mentor, mentee, NOW)
            assert mentee.id > expected["participant"] and duo.id > expected["duo"]
    finally:
        origin.dispose()
        target.dispose()


def test_a_target_holding_participants_is_refused_and_left_unchanged(source, target_url, capsys):
    target = open_store(target_url)
    with target.transaction() as s:
        f.participant(s, f.branch(s, code="SRV"))
    target.dispose()
    before = _counts(target_url)

    assert main(["--database", str(source), "copy-to", target_url]) == 1
    _out, err = capsys.readouterr()
    assert "rien n’a été copié" in err.lower() or "nothing was copied" in err
    assert _counts(target_url) == before


def test_a_copy_that_fails_midway_leaves_the_target_empty(source, tmp_path):
    origin = open_store(f"sqlite:///{source}")
    target = open_store(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    seen = []

    def progress(done, total, table):
        seen.append(table)
        if table == "duo":
            raise RuntimeError("connection lost")  # the server going away in the middle of the copy

    try:
        with pytest.raises(RuntimeError):
            copy_database(origin.engine, target.engine, progress)
        assert "participant" in seen
        with target.engine.connect() as connection:
            assert not any(count_rows(connection).values())
    finally:
        origin.dispose()
        target.dispose()


def test_a_record_merged_into_a_newer_one_is_copied(tmp_path, target_url):
    """participant.merged_into_id may point at a higher id: the foreign key holds on the target."""
    origin = open_store(f"sqlite:///{tmp_path / 'laptop.sqlite3'}")
    with origin.transaction() as s:
        b = f.branch(s)
        old, new = f.participant(s, b, last="Ancien"), f.participant(s, b, last="Nouveau")
        old.merged_into_id = new.id
        ids = old.id, new.id
    target = open_store(target_url)
    try:
        report = copy_database(origin.engine, target.engine)
        assert report.identical and report.rows == sum(c.target for c in report.counts)
        with target.session() as s:
            assert s.get(Participant, ids[0]).merged_into_id == ids[1]
    finally:
        origin.dispose()
        target.dispose()
