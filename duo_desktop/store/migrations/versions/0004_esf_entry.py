"""ESF+ characteristics at entry (issue 14)

Revision ID: 0004
Revises: 0002 (the lead re-points this to 0003 when merging the postgres branch)
Create Date: 2026-11-30 08:35:00

Participant.esf_entry: a JSON object of the ESF+ common indicators asked at
intake (labour-market status, ISCED level, third-country national, foreign
background, disability, housing exclusion, qualification gained); {} for
everyone until asked.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('esf_entry', sa.JSON(), server_default='{}', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('esf_entry')
