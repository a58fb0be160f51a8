"""The participant search by a trigram index in the database (issue 15)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 19:10:00

The participants list used to hold every participant's searchable text in
memory (110 MB at 100,000, built in 4.6 s of CPU after each start). The
folded text is now a column, ``participant.search_text``
(duo_desktop/text.search_text), filled here for the existing rows, and indexed
by trigrams: an FTS5 table kept in step by triggers on SQLite, a pg_trgm GIN
index on PostgreSQL (store/search_index; without either, the search reads
the table with LIKE and finds the same people).
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    from duo_desktop.text import search_text
    from duo_desktop.store import search_index

    with op.batch_alter_table('participant') as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
    connection = op.get_bind()
    participant = sa.table('participant', sa.column('id', sa.Integer), sa.column('search_name', sa.String),
                           sa.column('email', sa.String), sa.column('municipality', sa.String),
                           sa.column('phone_key', sa.String), sa.column('search_text', sa.Text))
    rows = connection.execute(sa.select(participant.c.id, participant.c.search_name, participant.c.email,
                                        participant.c.municipality, participant.c.phone_key)).all()
    update = (participant.update().where(participant.c.id == sa.bindparam('pid'))
              .values(search_text=sa.bindparam('text')))
    for start in range(0, len(rows), BATCH):
        values = [dict(pid=pid, text=search_text(name or "", email or "", place or "", phone or ""))
                  for pid, name, email, place, phone in rows[start:start + BATCH]]
        values = [v for v in values if v["text"]]
        if values:
            connection.execute(update, values)
    search_index.install(connection)


def downgrade() -> None:
    from duo_desktop.store import search_index

    search_index.uninstall(op.get_bind())
    with op.batch_alter_table('participant') as batch_op:
        batch_op.drop_column('search_text')
