"""Covering indexes for the year report's slowest figures (issue 14)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 22:30:00

On the 100,000-participant demo these figures read table rows for one or
two columns the index did not hold (benchmarks/bench_reports.py):

- participant (role, merged_into_id): the waiting list reads every mentee
  not merged (the index alone, not 100,000 rows);
- attendance (event_id, status, participant_id): who attended the period's
  information sessions;
- participant (applied_on, merged_into_id): applications (was applied_on);
- duo (proposed_on, mentee_id): the mentees proposed by a day (waiting
  list) or in the period (median wait) (was proposed_on);
- duo (agreement_signed_on, stage, ended_on): duos started, active, per
  month, meetings per duo, the ESF+ entries (was agreement_signed_on);
- duo (stage, ended_on, end_reason, mentee_id, mentor_id, proposed_on,
  agreement_signed_on): the ESF+ leavers, mentors who start another duo
  (was stage, ended_on, end_reason);
- outcome (duo_id, moment, kind, outcome_date, learnt_on): the outcomes
  within four weeks, six or 12 months of the end (was duo_id, moment, kind).

Widened indexes keep their names. SQLite and PostgreSQL alike.
"""
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

NEW = [
    ('ix_participant_role_merged', 'participant', ['role', 'merged_into_id']),
    ('ix_attendance_event_status', 'attendance', ['event_id', 'status', 'participant_id']),
]
WIDENED = [  # (name, table, columns before, columns now)
    ('ix_participant_applied_on', 'participant', ['applied_on'], ['applied_on', 'merged_into_id']),
    ('ix_duo_proposed_on', 'duo', ['proposed_on'], ['proposed_on', 'mentee_id']),
    ('ix_duo_agreement_signed_on', 'duo', ['agreement_signed_on'], ['agreement_signed_on', 'stage', 'ended_on']),
    ('ix_duo_stage_ended', 'duo', ['stage', 'ended_on', 'end_reason'],
     ['stage', 'ended_on', 'end_reason', 'mentee_id', 'mentor_id', 'proposed_on', 'agreement_signed_on']),
    ('ix_outcome_duo_moment', 'outcome', ['duo_id', 'moment', 'kind'],
     ['duo_id', 'moment', 'kind', 'outcome_date', 'learnt_on']),
]


def upgrade() -> None:
    for name, table, columns in NEW:
        op.create_index(name, table, columns)
    for name, table, _before, now in WIDENED:
        op.drop_index(name, table)
        op.create_index(name, table, now)


def downgrade() -> None:
    for name, table, before, _now in WIDENED:
        op.drop_index(name, table)
        op.create_index(name, table, before)
    for name, table, _columns in NEW:
        op.drop_index(name, table)
