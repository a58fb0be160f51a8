"""A schema change that rebuilds a table on SQLite (Alembic's batch mode
copies it, drops the old one and renames the copy) must not delete the rows
that point at it: with foreign keys on, dropping ``participant`` cascaded to
every status change, duo and language of every person (found in review:
downgrading 0010 left 0 status changes of 1). Migrations run with foreign
keys off and check them before committing."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import func, select, text

from duo_desktop.models import Duo, Participant, Role, StatusChange
from duo_desktop.store import open_store
from duo_desktop.store.migrate import alembic_config

from . import factories as f


def _counts(engine) -> tuple[int, int, int]:  # noqa: ANN001
    with engine.connect() as c:
        return tuple(c.scalar(select(func.count()).select_from(t)) for t in (Participant, StatusChange, Duo))


def test_a_downgrade_that_rebuilds_the_participant_table_keeps_every_row_pointing_at_it(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'duo.sqlite3'}")
    with store.transaction() as s:
        b = f.branch(s)
        mentee, mentor = f.participant(s, b), f.participant(s, b, role=Role.MENTOR, first="Marc")
        s.add(StatusChange(participant_id=mentee.id, from_status=None, to_status=mentee.status,
                           changed_on=dt.date(2026, 3, 1)))
        s.add(Duo(branch_id=b.id, mentee_id=mentee.id, mentor_id=mentor.id, proposed_on=dt.date(2026, 3, 2)))
    before = _counts(store.engine)
    assert before[1] > 0
    config = alembic_config(store.engine)
    command.downgrade(config, "0009")  # drops participant.search_text: a table rebuild on SQLite
    assert _counts(store.engine) == before
    command.upgrade(config, "head")
    assert _counts(store.engine) == before
    with store.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # on again for the app's own work
        assert not c.execute(text("PRAGMA foreign_key_check")).all()
    store.dispose()
