"""Community directory: ORUK-shaped services, the search index and its FTS5 full-text table.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Contentless (the text lives in the tables above), with deletes allowed so an edit can
# replace a row; prefix indexes make search-as-you-type cheap for 1 to 3 letters.
FTS_TABLE = (
    "CREATE VIRTUAL TABLE dir_service_fts USING fts5("
    "name, organisation, categories, body, "
    "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
)


def upgrade() -> None:
    op.create_table('dir_accessibility',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('location_id', sa.String(length=100), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('details', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_accessibility'))
    )
    op.create_index(op.f('ix_dir_accessibility_location_id'), 'dir_accessibility', ['location_id'], unique=False)
    op.create_table('dir_address',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('location_id', sa.String(length=100), nullable=True),
    sa.Column('attention', sa.Text(), nullable=True),
    sa.Column('address_1', sa.Text(), nullable=False),
    sa.Column('address_2', sa.Text(), nullable=True),
    sa.Column('city', sa.Text(), nullable=False),
    sa.Column('region', sa.Text(), nullable=True),
    sa.Column('state_province', sa.Text(), nullable=False),
    sa.Column('postal_code', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('address_type', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_address'))
    )
    op.create_index(op.f('ix_dir_address_location_id'), 'dir_address', ['location_id'], unique=False)
    op.create_table('dir_attribute',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('link_id', sa.String(length=100), nullable=True),
    sa.Column('taxonomy_term_id', sa.String(length=100), nullable=True),
    sa.Column('link_type', sa.Text(), nullable=True),
    sa.Column('link_entity', sa.Text(), nullable=True),
    sa.Column('value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_attribute'))
    )
    op.create_index(op.f('ix_dir_attribute_link_id'), 'dir_attribute', ['link_id'], unique=False)
    op.create_index(op.f('ix_dir_attribute_taxonomy_term_id'), 'dir_attribute', ['taxonomy_term_id'], unique=False)
    op.create_table('dir_contact',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('organization_id', sa.String(length=100), nullable=True),
    sa.Column('service_id', sa.String(length=100), nullable=True),
    sa.Column('service_at_location_id', sa.String(length=100), nullable=True),
    sa.Column('location_id', sa.String(length=100), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('department', sa.Text(), nullable=True),
    sa.Column('email', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_contact'))
    )
    op.create_index(op.f('ix_dir_contact_location_id'), 'dir_contact', ['location_id'], unique=False)
    op.create_index(op.f('ix_dir_contact_organization_id'), 'dir_contact', ['organization_id'], unique=False)
    op.create_index(op.f('ix_dir_contact_service_at_location_id'), 'dir_contact', ['service_at_location_id'], unique=False)
    op.create_index(op.f('ix_dir_contact_service_id'), 'dir_contact', ['service_id'], unique=False)
    op.create_table('dir_cost_option',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('service_id', sa.String(length=100), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('option', sa.Text(), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('amount', sa.Float(), nullable=True),
    sa.Column('amount_description', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_cost_option'))
    )
    op.create_index(op.f('ix_dir_cost_option_service_id'), 'dir_cost_option', ['service_id'], unique=False)
    op.create_table('dir_language',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('service_id', sa.String(length=100), nullable=True),
    sa.Column('location_id', sa.String(length=100), nullable=True),
    sa.Column('phone_id', sa.String(length=100), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('code', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_language'))
    )
    op.create_index(op.f('ix_dir_language_location_id'), 'dir_language', ['location_id'], unique=False)
    op.create_index(op.f('ix_dir_language_phone_id'), 'dir_language', ['phone_id'], unique=False)
    op.create_index(op.f('ix_dir_language_service_id'), 'dir_language', ['service_id'], unique=False)
    op.create_table('dir_location',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('location_type', sa.String(length=20), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('organization_id', sa.String(length=100), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('alternate_name', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('transportation', sa.Text(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('external_identifier', sa.Text(), nullable=True),
    sa.Column('external_identifier_type', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_location'))
    )
    op.create_index(op.f('ix_dir_location_organization_id'), 'dir_location', ['organization_id'], unique=False)
    op.create_table('dir_organization',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('alternate_name', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('website', sa.Text(), nullable=True),
    sa.Column('tax_status', sa.Text(), nullable=True),
    sa.Column('tax_id', sa.Text(), nullable=True),
    sa.Column('year_incorporated', sa.Integer(), nullable=True),
    sa.Column('legal_status', sa.Text(), nullable=True),
    sa.Column('logo', sa.Text(), nullable=True),
    sa.Column('uri', sa.Text(), nullable=True),
    sa.Column('parent_organization_id', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_organization'))
    )
    op.create_table('dir_phone',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('location_id', sa.String(length=100), nullable=True),
    sa.Column('service_id', sa.String(length=100), nullable=True),
    sa.Column('organization_id', sa.String(length=100), nullable=True),
    sa.Column('contact_id', sa.String(length=100), nullable=True),
    sa.Column('service_at_location_id', sa.String(length=100), nullable=True),
    sa.Column('number', sa.Text(), nullable=False),
    sa.Column('extension', sa.Float(), nullable=True),
    sa.Column('type', sa.String(length=20), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_phone'))
    )
    op.create_index(op.f('ix_dir_phone_contact_id'), 'dir_phone', ['contact_id'], unique=False)
    op.create_index(op.f('ix_dir_phone_location_id'), 'dir_phone', ['location_id'], unique=False)
    op.create_index(op.f('ix_dir_phone_organization_id'), 'dir_phone', ['organization_id'], unique=False)
    op.create_index(op.f('ix_dir_phone_service_at_location_id'), 'dir_phone', ['service_at_location_id'], unique=False)
    op.create_index(op.f('ix_dir_phone_service_id'), 'dir_phone', ['service_id'], unique=False)
    op.create_table('dir_schedule',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('service_id', sa.String(length=100), nullable=True),
    sa.Column('location_id', sa.String(length=100), nullable=True),
    sa.Column('service_at_location_id', sa.String(length=100), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('dtstart', sa.Date(), nullable=True),
    sa.Column('timezone', sa.Float(), nullable=True),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('count', sa.Integer(), nullable=True),
    sa.Column('wkst', sa.String(length=2), nullable=True),
    sa.Column('freq', sa.String(length=10), nullable=True),
    sa.Column('interval', sa.Integer(), nullable=True),
    sa.Column('byday', sa.Text(), nullable=True),
    sa.Column('byweekno', sa.Text(), nullable=True),
    sa.Column('bymonthday', sa.Text(), nullable=True),
    sa.Column('byyearday', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('opens_at', sa.String(length=8), nullable=True),
    sa.Column('closes_at', sa.String(length=8), nullable=True),
    sa.Column('schedule_link', sa.Text(), nullable=True),
    sa.Column('attending_type', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_schedule'))
    )
    op.create_index(op.f('ix_dir_schedule_location_id'), 'dir_schedule', ['location_id'], unique=False)
    op.create_index(op.f('ix_dir_schedule_service_at_location_id'), 'dir_schedule', ['service_at_location_id'], unique=False)
    op.create_index(op.f('ix_dir_schedule_service_id'), 'dir_schedule', ['service_id'], unique=False)
    op.create_table('dir_service',
    sa.Column('key', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('organization_id', sa.String(length=100), nullable=True),
    sa.Column('program_id', sa.String(length=100), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('alternate_name', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('interpretation_services', sa.Text(), nullable=True),
    sa.Column('application_process', sa.Text(), nullable=True),
    sa.Column('fees_description', sa.Text(), nullable=True),
    sa.Column('wait_time', sa.Text(), nullable=True),
    sa.Column('fees', sa.Text(), nullable=True),
    sa.Column('accreditations', sa.Text(), nullable=True),
    sa.Column('eligibility_description', sa.Text(), nullable=True),
    sa.Column('minimum_age', sa.Float(), nullable=True),
    sa.Column('maximum_age', sa.Float(), nullable=True),
    sa.Column('assured_date', sa.Date(), nullable=True),
    sa.Column('assurer_email', sa.Text(), nullable=True),
    sa.Column('licenses', sa.Text(), nullable=True),
    sa.Column('alert', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.DateTime(), nullable=True),
    sa.Column('local_notes', sa.Text(), nullable=False),
    sa.Column('last_verified', sa.Date(), nullable=True),
    sa.Column('favourite', sa.Boolean(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('source_feed', sa.Text(), nullable=False),
    sa.Column('source_hash', sa.String(length=64), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_dir_service')),
    sa.UniqueConstraint('id', name=op.f('uq_dir_service_id'))
    )
    op.create_index(op.f('ix_dir_service_organization_id'), 'dir_service', ['organization_id'], unique=False)
    op.create_table('dir_service_area',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('service_id', sa.String(length=100), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('extent', sa.Text(), nullable=True),
    sa.Column('extent_type', sa.Text(), nullable=True),
    sa.Column('uri', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_service_area'))
    )
    op.create_index(op.f('ix_dir_service_area_service_id'), 'dir_service_area', ['service_id'], unique=False)
    op.create_table('dir_service_at_location',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('service_id', sa.String(length=100), nullable=True),
    sa.Column('location_id', sa.String(length=100), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_service_at_location'))
    )
    op.create_index(op.f('ix_dir_service_at_location_location_id'), 'dir_service_at_location', ['location_id'], unique=False)
    op.create_index(op.f('ix_dir_service_at_location_service_id'), 'dir_service_at_location', ['service_id'], unique=False)
    op.create_table('dir_service_index',
    sa.Column('key', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_sort', sa.Text(), nullable=False),
    sa.Column('organisation', sa.Text(), nullable=False),
    sa.Column('categories', sa.Text(), nullable=False),
    sa.Column('category_mask', sa.Integer(), nullable=False),
    sa.Column('slot_mask', sa.Integer(), nullable=False),
    sa.Column('access_mask', sa.Integer(), nullable=False),
    sa.Column('attend_mask', sa.Integer(), nullable=False),
    sa.Column('free', sa.Boolean(), nullable=False),
    sa.Column('cost_text', sa.Text(), nullable=False),
    sa.Column('next_session', sa.Text(), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('postcode_district', sa.String(length=5), nullable=False),
    sa.Column('postcode_area', sa.String(length=2), nullable=False),
    sa.Column('minimum_age', sa.Float(), nullable=True),
    sa.Column('maximum_age', sa.Float(), nullable=True),
    sa.Column('last_verified', sa.Date(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('favourite', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_dir_service_index')),
    sa.UniqueConstraint('service_id', name=op.f('uq_dir_service_index_service_id'))
    )
    op.create_index(op.f('ix_dir_service_index_last_verified'), 'dir_service_index', ['last_verified'], unique=False)
    op.create_index(op.f('ix_dir_service_index_name_sort'), 'dir_service_index', ['name_sort'], unique=False)
    op.create_index(op.f('ix_dir_service_index_postcode_district'), 'dir_service_index', ['postcode_district'], unique=False)
    op.create_table('dir_taxonomy',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('uri', sa.Text(), nullable=True),
    sa.Column('version', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_taxonomy'))
    )
    op.create_table('dir_taxonomy_term',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('code', sa.Text(), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('parent_id', sa.String(length=100), nullable=True),
    sa.Column('taxonomy', sa.Text(), nullable=True),
    sa.Column('language', sa.Text(), nullable=True),
    sa.Column('taxonomy_id', sa.String(length=100), nullable=True),
    sa.Column('term_uri', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dir_taxonomy_term'))
    )
    op.create_table('dir_term_category',
    sa.Column('term', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('term', name=op.f('pk_dir_term_category'))
    )
    op.execute(FTS_TABLE)


def downgrade() -> None:
    op.execute("DROP TABLE dir_service_fts")
    op.drop_table("dir_term_category")
    op.drop_table("dir_taxonomy_term")
    op.drop_table("dir_taxonomy")
    op.drop_table("dir_service_index")
    op.drop_table("dir_service_at_location")
    op.drop_table("dir_service_area")
    op.drop_table("dir_service")
    op.drop_table("dir_schedule")
    op.drop_table("dir_phone")
    op.drop_table("dir_organization")
    op.drop_table("dir_location")
    op.drop_table("dir_language")
    op.drop_table("dir_cost_option")
    op.drop_table("dir_contact")
    op.drop_table("dir_attribute")
    op.drop_table("dir_address")
    op.drop_table("dir_accessibility")
