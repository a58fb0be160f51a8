"""name prefix: the surname prefix stored, search names folded the new way

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 08:30:00

Participant.name_prefix: the prefix at the start of last_name ("van der" of
"van der Berg"), so a Dutch branch sorts on Berg and a Belgian one on Van
der Berg (issue 13). Filled from the existing surnames; search_name is
computed again with duo_desktop/text.fold (apostrophes, Arabic and Persian
letter variants, Ł ø æ œ đ...), so older records are found and recognised
as duplicates the same way as new ones.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from duo_desktop.text import name_prefix, search_name

    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_prefix', sa.String(length=30), server_default='', nullable=False))
    bind = op.get_bind()
    participant = sa.table('participant', sa.column('id', sa.Integer), sa.column('first_name', sa.String),
                           sa.column('last_name', sa.String), sa.column('name_prefix', sa.String),
                           sa.column('search_name', sa.String))
    rows = bind.execute(sa.select(participant.c.id, participant.c.first_name, participant.c.last_name)).all()
    for pid, first, last in rows:
        bind.execute(participant.update().where(participant.c.id == pid).values(
            name_prefix=name_prefix(last or ""), search_name=search_name(first or "", last or "")))


def downgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('name_prefix')
