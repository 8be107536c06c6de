"""Plans: plans, goals and steps, agreed activities, read-only plan versions, wellbeing measures.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# A printed or agreed version is evidence of what the patient was given: the database
# itself refuses to change one, whatever code tries.
READ_ONLY_TRIGGER = """
CREATE TRIGGER plan_version_read_only BEFORE UPDATE ON plan_version
BEGIN
    SELECT RAISE(ABORT, 'plan versions are read-only');
END
"""


def upgrade() -> None:
    op.create_table('measure_definition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('items_json', sa.Text(), nullable=False),
    sa.Column('scale_min', sa.Integer(), nullable=False),
    sa.Column('scale_max', sa.Integer(), nullable=False),
    sa.Column('built_in', sa.Boolean(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_definition')),
    sa.UniqueConstraint('code', name=op.f('uq_measure_definition_code'))
    )
    op.create_table('measure_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('definition_id', sa.Integer(), nullable=False),
    sa.Column('occasion', sa.String(length=20), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('scores_json', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['definition_id'], ['measure_definition.id'], name=op.f('fk_measure_record_definition_id_measure_definition'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_measure_record_patient_id_patient'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_record'))
    )
    op.create_index(op.f('ix_measure_record_definition_id'), 'measure_record', ['definition_id'], unique=False)
    op.create_index('ix_measure_record_patient_id_definition_id', 'measure_record', ['patient_id', 'definition_id'], unique=False)
    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('what_matters', sa.Text(), nullable=False),
    sa.Column('strengths', sa.Text(), nullable=False),
    sa.Column('barrier_transport', sa.Text(), nullable=False),
    sa.Column('barrier_cost', sa.Text(), nullable=False),
    sa.Column('barrier_confidence', sa.Text(), nullable=False),
    sa.Column('barrier_company', sa.Text(), nullable=False),
    sa.Column('barrier_other', sa.Text(), nullable=False),
    sa.Column('preferred_days', sa.String(length=40), nullable=False),
    sa.Column('preferred_times', sa.String(length=40), nullable=False),
    sa.Column('access_needs', sa.String(length=200), nullable=False),
    sa.Column('next_review_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_plan_patient_id_patient'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('patient_id', name=op.f('uq_plan_patient_id'))
    )
    op.create_table('plan_activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.String(length=100), nullable=False),
    sa.Column('service_name', sa.Text(), nullable=False),
    sa.Column('organisation', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('status_on', sa.Date(), nullable=False),
    sa.Column('signposted_on', sa.Date(), nullable=True),
    sa.Column('referred_on', sa.Date(), nullable=True),
    sa.Column('attending_from', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_activity_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_activity'))
    )
    op.create_index(op.f('ix_plan_activity_plan_id'), 'plan_activity', ['plan_id'], unique=False)
    op.create_index(op.f('ix_plan_activity_service_id'), 'plan_activity', ['service_id'], unique=False)
    op.create_table('plan_goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('target_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_goal_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_goal'))
    )
    op.create_index(op.f('ix_plan_goal_plan_id'), 'plan_goal', ['plan_id'], unique=False)
    op.create_table('plan_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.String(length=200), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('snapshot_json', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_version_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_version'))
    )
    op.create_index('ix_plan_version_plan_id_number', 'plan_version', ['plan_id', 'number'], unique=True)
    op.create_table('plan_goal_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('by_when', sa.Date(), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['plan_goal.id'], name=op.f('fk_plan_goal_step_goal_id_plan_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_goal_step'))
    )
    op.create_index(op.f('ix_plan_goal_step_goal_id'), 'plan_goal_step', ['goal_id'], unique=False)
    op.execute(READ_ONLY_TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS plan_version_read_only")
    op.drop_index(op.f('ix_plan_goal_step_goal_id'), table_name='plan_goal_step')
    op.drop_table('plan_goal_step')
    op.drop_index('ix_plan_version_plan_id_number', table_name='plan_version')
    op.drop_table('plan_version')
    op.drop_index(op.f('ix_plan_goal_plan_id'), table_name='plan_goal')
    op.drop_table('plan_goal')
    op.drop_index(op.f('ix_plan_activity_service_id'), table_name='plan_activity')
    op.drop_index(op.f('ix_plan_activity_plan_id'), table_name='plan_activity')
    op.drop_table('plan_activity')
    op.drop_table('plan')
    op.drop_index('ix_measure_record_patient_id_definition_id', table_name='measure_record')
    op.drop_index(op.f('ix_measure_record_definition_id'), table_name='measure_record')
    op.drop_table('measure_record')
    op.drop_table('measure_definition')
