"""privacy: restriction and erasure dates on participant; the audit trail
cannot be changed (triggers refuse UPDATE and DELETE of audit_entry)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 08:30:00
"""
from alembic import op
import sqlalchemy as sa

from duo_desktop.models.audit import guard_statements


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    have = {c['name'] for c in sa.inspect(op.get_bind()).get_columns('participant')}
    missing = [name for name in ('restricted_since', 'erased_on') if name not in have]
    if missing:  # (a database built from today's models and stamped older already has them)
        with op.batch_alter_table('participant', schema=None) as batch_op:
            for name in missing:
                batch_op.add_column(sa.Column(name, sa.Date(), nullable=True))
    for statement in guard_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    elif dialect == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS audit_entry_guard ON audit_entry")
        op.execute("DROP FUNCTION IF EXISTS audit_entry_refuse()")
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('erased_on')
        batch_op.drop_column('restricted_since')
