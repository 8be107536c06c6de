"""Caseload: practices, link workers, patients, referrals with their status history, and contacts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('link_worker',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('own_profile', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_link_worker'))
    )
    op.create_table('practice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('ods_code', sa.String(length=10), nullable=False),
    sa.Column('pcn', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice')),
    sa.UniqueConstraint('ods_code', name=op.f('uq_practice_ods_code'))
    )
    op.create_table('patient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=20), nullable=False),
    sa.Column('first_name', sa.String(length=200), nullable=False),
    sa.Column('last_name', sa.String(length=200), nullable=False),
    sa.Column('preferred_name', sa.String(length=200), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=False),
    sa.Column('nhs_number', sa.String(length=10), nullable=True),
    sa.Column('address_line_1', sa.String(length=200), nullable=False),
    sa.Column('address_line_2', sa.String(length=200), nullable=False),
    sa.Column('town', sa.String(length=200), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('mobile_phone', sa.String(length=20), nullable=False),
    sa.Column('home_phone', sa.String(length=20), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('preferred_contact_method', sa.String(length=40), nullable=False),
    sa.Column('preferred_contact_times', sa.String(length=200), nullable=False),
    sa.Column('main_language', sa.String(length=200), nullable=False),
    sa.Column('interpreter_needed', sa.Boolean(), nullable=False),
    sa.Column('communication_needs', sa.String(length=200), nullable=False),
    sa.Column('communication_other', sa.String(length=200), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=True),
    sa.Column('consent_social_prescribing', sa.Boolean(), nullable=False),
    sa.Column('consent_share_with_providers', sa.Boolean(), nullable=False),
    sa.Column('consent_anonymised_story', sa.Boolean(), nullable=False),
    sa.Column('ethnic_category', sa.String(length=2), nullable=False),
    sa.Column('sex', sa.String(length=40), nullable=False),
    sa.Column('gender_identity', sa.String(length=40), nullable=False),
    sa.Column('risk_notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['practice_id'], ['practice.id'], name=op.f('fk_patient_practice_id_practice'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patient')),
    sa.UniqueConstraint('nhs_number', name=op.f('uq_patient_nhs_number'))
    )
    op.create_index('ix_patient_date_of_birth', 'patient', ['date_of_birth'], unique=False)
    op.create_index(op.f('ix_patient_practice_id'), 'patient', ['practice_id'], unique=False)
    op.create_table('referral',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('referrer', sa.String(length=200), nullable=False),
    sa.Column('needs', sa.String(length=400), nullable=False),
    sa.Column('needs_other', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('status_changed_on', sa.Date(), nullable=False),
    sa.Column('discharge_reason', sa.String(length=40), nullable=True),
    sa.Column('snomed_code', sa.String(length=20), nullable=True),
    sa.Column('link_worker_id', sa.Integer(), nullable=True),
    sa.Column('next_contact_due', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['link_worker_id'], ['link_worker.id'], name=op.f('fk_referral_link_worker_id_link_worker'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_referral_patient_id_patient'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral'))
    )
    op.create_index(op.f('ix_referral_link_worker_id'), 'referral', ['link_worker_id'], unique=False)
    op.create_index('ix_referral_patient_id_received_on', 'referral', ['patient_id', 'received_on'], unique=False)
    op.create_index(op.f('ix_referral_status'), 'referral', ['status'], unique=False)
    op.create_table('patient_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('next_step', sa.Text(), nullable=False),
    sa.Column('did_not_attend', sa.Boolean(), nullable=False),
    sa.Column('next_contact_due', sa.Date(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_patient_contact_referral_id_referral'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patient_contact'))
    )
    op.create_index(op.f('ix_patient_contact_referral_id'), 'patient_contact', ['referral_id'], unique=False)
    op.create_table('referral_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('from_status', sa.String(length=40), nullable=True),
    sa.Column('to_status', sa.String(length=40), nullable=False),
    sa.Column('snomed_code', sa.String(length=20), nullable=True),
    sa.Column('discharge_reason', sa.String(length=40), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_referral_status_change_referral_id_referral'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_status_change'))
    )
    op.create_index(op.f('ix_referral_status_change_referral_id'), 'referral_status_change', ['referral_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_referral_status_change_referral_id"), table_name="referral_status_change")
    op.drop_table("referral_status_change")
    op.drop_index(op.f("ix_patient_contact_referral_id"), table_name="patient_contact")
    op.drop_table("patient_contact")
    op.drop_index(op.f("ix_referral_status"), table_name="referral")
    op.drop_index("ix_referral_patient_id_received_on", table_name="referral")
    op.drop_index(op.f("ix_referral_link_worker_id"), table_name="referral")
    op.drop_table("referral")
    op.drop_index(op.f("ix_patient_practice_id"), table_name="patient")
    op.drop_index("ix_patient_date_of_birth", table_name="patient")
    op.drop_table("patient")
    op.drop_table("practice")
    op.drop_table("link_worker")
