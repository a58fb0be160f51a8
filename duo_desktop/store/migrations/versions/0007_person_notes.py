"""Dated notes on a person, and the undo record of a merge (issue 17)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 10:40:00

person_note: one dated note about a participant (a list beside the
profile's free-text notes). merge_undo: what a merge changed, kept for the
undo window so that "Undo merge" restores both records (services/merge_undo.py).
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'person_note',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('noted_on', sa.Date(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('coordinator_id', sa.Integer(), nullable=True),
        sa.Column('written_at', sa.DateTime(), nullable=False),
        sa.Column('edited_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['participant_id'], ['participant.id'],
                                name=op.f('fk_person_note_participant_id_participant'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['coordinator_id'], ['coordinator.id'],
                                name=op.f('fk_person_note_coordinator_id_coordinator')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_person_note')),
    )
    op.create_index(op.f('ix_person_note_participant_id'), 'person_note', ['participant_id'])
    op.create_table(
        'merge_undo',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kept_id', sa.Integer(), nullable=False),
        sa.Column('merged_id', sa.Integer(), nullable=False),
        sa.Column('merged_at', sa.DateTime(), nullable=False),
        sa.Column('kept_version', sa.Integer(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['kept_id'], ['participant.id'],
                                name=op.f('fk_merge_undo_kept_id_participant'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['merged_id'], ['participant.id'],
                                name=op.f('fk_merge_undo_merged_id_participant'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_merge_undo')),
        sa.UniqueConstraint('merged_id', name=op.f('uq_merge_undo_merged_id')),
    )
    op.create_index(op.f('ix_merge_undo_kept_id'), 'merge_undo', ['kept_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_merge_undo_kept_id'), 'merge_undo')
    op.drop_table('merge_undo')
    op.drop_index(op.f('ix_person_note_participant_id'), 'person_note')
    op.drop_table('person_note')
