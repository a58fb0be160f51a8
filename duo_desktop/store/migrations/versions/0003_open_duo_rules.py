"""one open duo per mentee, kept by the database; record versions and uids

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 08:00:00

A partial unique index on duo(mentee_id) over the open stages (proposed,
first meeting planned, awaiting agreement, active), on SQLite and
PostgreSQL alike. A database where two coordinators already put one mentee in
two open duos (possible before this revision) keeps the most advanced duo of
that mentee (then the oldest); the others are cancelled, with a dated line in
their stage history that names the duo kept. Nothing is deleted.

Participant, duo and event get a ``version`` column (1 for existing rows):
optimistic locking, so that a second coordinator's save over a record changed
in between is refused instead of silently overwriting it.

Branch, coordinator, participant, duo and event get a ``uid`` (a UUIDv7,
unique, never changed; filled here for existing rows): their identity when
laptops later sync with a branch server. The integer keys stay.
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

from duo_desktop.models.base import uuid7

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

OPEN = ('proposed', 'first_meeting_planned', 'awaiting_agreement', 'active')
RANK = {stage: i for i, stage in enumerate(OPEN)}
WHERE = sa.text("stage IN ({})".format(", ".join(f"'{s}'" for s in OPEN)))


def _cancel_second_open_duos(connection) -> None:  # noqa: ANN001
    rows = connection.execute(sa.text(
        "SELECT id, mentee_id, stage FROM duo WHERE stage IN :open ORDER BY mentee_id, id"
    ).bindparams(sa.bindparam("open", expanding=True)), {"open": list(OPEN)}).all()
    per_mentee: dict[int, list] = {}
    for row in rows:
        per_mentee.setdefault(row.mentee_id, []).append(row)
    now = dt.datetime.now().replace(microsecond=0)
    for duos in per_mentee.values():
        if len(duos) < 2:
            continue
        kept = sorted(duos, key=lambda d: (-RANK[d.stage], d.id))[0]
        for duo in duos:
            if duo.id == kept.id:
                continue
            connection.execute(sa.text("UPDATE duo SET stage = 'cancelled' WHERE id = :id"), {"id": duo.id})
            connection.execute(sa.text(
                "INSERT INTO duo_stage_change (duo_id, from_stage, to_stage, changed_at, note) "
                "VALUES (:duo, :from_stage, 'cancelled', :at, :note)"),
                {"duo": duo.id, "from_stage": duo.stage, "at": now,
                 "note": f"Cancelled by the upgrade: the mentee was already in duo {kept.id}."})


VERSIONED = ('participant', 'duo', 'event')
WITH_UID = ('branch', 'coordinator', 'participant', 'duo', 'event')


def _add_uids(connection, table: str) -> None:  # noqa: ANN001
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.add_column(sa.Column('uid', sa.Uuid(), nullable=True))
    t = sa.table(table, sa.column('id', sa.Integer), sa.column('uid', sa.Uuid))
    ids = connection.execute(sa.select(t.c.id).order_by(t.c.id)).scalars().all()
    if ids:
        connection.execute(t.update().where(t.c.id == sa.bindparam('row_id')).values(uid=sa.bindparam('new_uid')),
                           [{'row_id': i, 'new_uid': uuid7()} for i in ids])
    op.create_index(f'ix_{table}_uid', table, ['uid'], unique=True)


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    for table in WITH_UID:
        _add_uids(op.get_bind(), table)
    _cancel_second_open_duos(op.get_bind())
    op.create_index('uq_duo_open_mentee', 'duo', ['mentee_id'], unique=True,
                    sqlite_where=WHERE, postgresql_where=WHERE)


def downgrade() -> None:
    op.drop_index('uq_duo_open_mentee', table_name='duo')
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
    for table in WITH_UID:
        op.drop_index(f'ix_{table}_uid', table_name=table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('uid')
