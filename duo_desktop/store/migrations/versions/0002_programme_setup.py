"""programme set-up: branch settings, document templates, mentee wishes, programme row

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 07:45:00

Branch: active, logo_path, meetings_per_week, followup_months.
Participant: the mentee's structured wishes about the mentor.
New tables: document_template (letterhead and extra clauses per branch and
language) and programme (organisation name, is_demo). An upgraded database
gets no programme row: services/programme.py then counts it as real data
when it holds any branch or participant (issue 10: demo never mixes in).
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('branch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('logo_path', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('meetings_per_week', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('followup_months', sa.JSON(), server_default='[0, 3, 12]', nullable=False))
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('preferred_mentor_languages', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('preferred_mentor_sector', sa.String(length=32), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('mentor_wishes_other', sa.Text(), server_default='', nullable=False))
    op.create_table('document_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('letterhead', sa.Text(), nullable=False),
    sa.Column('extra_clauses', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_document_template_branch_id_branch'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_template')),
    sa.UniqueConstraint('branch_id', 'language', name=op.f('uq_document_template_branch_id_language'))
    )
    with op.batch_alter_table('document_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_template_branch_id'), ['branch_id'], unique=False)
    op.create_table('programme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme'))
    )


def downgrade() -> None:
    op.drop_table('programme')
    with op.batch_alter_table('document_template', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_template_branch_id'))
    op.drop_table('document_template')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('mentor_wishes_other')
        batch_op.drop_column('preferred_mentor_sector')
        batch_op.drop_column('preferred_mentor_languages')
    with op.batch_alter_table('branch', schema=None) as batch_op:
        batch_op.drop_column('followup_months')
        batch_op.drop_column('meetings_per_week')
        batch_op.drop_column('logo_path')
        batch_op.drop_column('active')
