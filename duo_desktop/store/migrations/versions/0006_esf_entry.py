"""ESF+ characteristics at entry, and the reports' date indexes (issue 14)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 08:35:00

Participant.esf_entry: a JSON object of the ESF+ common indicators asked at
intake (labour-market status, ISCED level, third-country national, foreign
background, disability, housing exclusion, qualification gained); {} for
everyone until asked. Indexes on the dates the reports count by: duo
proposed_on, agreement_signed_on, ended_on; status_change (to_status, changed_on).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('esf_entry', sa.JSON(), server_default='{}', nullable=False))
    op.create_index('ix_duo_proposed_on', 'duo', ['proposed_on'])
    op.create_index('ix_duo_agreement_signed_on', 'duo', ['agreement_signed_on'])
    op.create_index('ix_duo_ended_on', 'duo', ['ended_on'])
    op.create_index('ix_status_change_to_status_on', 'status_change', ['to_status', 'changed_on'])


def downgrade() -> None:
    op.drop_index('ix_status_change_to_status_on', 'status_change')
    for name in ('ix_duo_ended_on', 'ix_duo_agreement_signed_on', 'ix_duo_proposed_on'):
        op.drop_index(name, 'duo')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('esf_entry')
