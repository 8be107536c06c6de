"""Mapped classes for the community directory, shaped as Open Referral UK 3.0 / HSDS 3.0 tables.

Column names are the standard's field names, so import and export are a mapping of names,
not a translation. Ids are the standard's string ids. Links between records (service_id,
location_id...) are plain indexed columns, not foreign keys: real feeds point at records
they never send, and the importer decides what to keep instead of the database refusing.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from linkdesk.store.base import Base, utc_now

ID = String(100)


def _link() -> Mapped[str | None]:
    return mapped_column(ID, index=True)


class Organization(Base):
    __tablename__ = "dir_organization"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    alternate_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    tax_status: Mapped[str | None] = mapped_column(Text)
    tax_id: Mapped[str | None] = mapped_column(Text)
    year_incorporated: Mapped[int | None] = mapped_column(Integer)
    legal_status: Mapped[str | None] = mapped_column(Text)
    logo: Mapped[str | None] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(Text)
    parent_organization_id: Mapped[str | None] = mapped_column(ID)


class Service(Base):
    __tablename__ = "dir_service"

    # An integer key that never changes, so the full-text index can use it as its rowid.
    key: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(ID, unique=True)
    organization_id: Mapped[str | None] = _link()
    program_id: Mapped[str | None] = mapped_column(ID)
    name: Mapped[str] = mapped_column(Text)
    alternate_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(40), default="active")
    interpretation_services: Mapped[str | None] = mapped_column(Text)
    application_process: Mapped[str | None] = mapped_column(Text)
    fees_description: Mapped[str | None] = mapped_column(Text)
    wait_time: Mapped[str | None] = mapped_column(Text)
    fees: Mapped[str | None] = mapped_column(Text)
    accreditations: Mapped[str | None] = mapped_column(Text)
    eligibility_description: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[float | None] = mapped_column(Float)
    maximum_age: Mapped[float | None] = mapped_column(Float)
    assured_date: Mapped[date | None] = mapped_column(Date)
    assurer_email: Mapped[str | None] = mapped_column(Text)
    licenses: Mapped[str | None] = mapped_column(Text)
    alert: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[datetime | None] = mapped_column(DateTime)
    # What the link worker adds; an import never overwrites these.
    local_notes: Mapped[str] = mapped_column(Text, default="")
    last_verified: Mapped[date | None] = mapped_column(Date)
    favourite: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    source_feed: Mapped[str] = mapped_column(Text, default="")
    # Fingerprint of the record as last imported: an identical re-import counts as unchanged.
    source_hash: Mapped[str | None] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class Location(Base):
    __tablename__ = "dir_location"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    location_type: Mapped[str] = mapped_column(String(20), default="physical")
    url: Mapped[str | None] = mapped_column(Text)
    organization_id: Mapped[str | None] = _link()
    name: Mapped[str | None] = mapped_column(Text)
    alternate_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    transportation: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    external_identifier: Mapped[str | None] = mapped_column(Text)
    external_identifier_type: Mapped[str | None] = mapped_column(Text)


class Address(Base):
    __tablename__ = "dir_address"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    location_id: Mapped[str | None] = _link()
    attention: Mapped[str | None] = mapped_column(Text)
    address_1: Mapped[str] = mapped_column(Text, default="")
    address_2: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str] = mapped_column(Text, default="")
    region: Mapped[str | None] = mapped_column(Text)
    state_province: Mapped[str] = mapped_column(Text, default="")
    postal_code: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(String(2), default="GB")
    address_type: Mapped[str] = mapped_column(String(20), default="physical")


class ServiceAtLocation(Base):
    __tablename__ = "dir_service_at_location"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    service_id: Mapped[str | None] = _link()
    location_id: Mapped[str | None] = _link()
    description: Mapped[str | None] = mapped_column(Text)


class Schedule(Base):
    __tablename__ = "dir_schedule"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    service_id: Mapped[str | None] = _link()
    location_id: Mapped[str | None] = _link()
    service_at_location_id: Mapped[str | None] = _link()
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    dtstart: Mapped[date | None] = mapped_column(Date)
    timezone: Mapped[float | None] = mapped_column(Float)
    until: Mapped[date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)
    wkst: Mapped[str | None] = mapped_column(String(2))
    freq: Mapped[str | None] = mapped_column(String(10))
    interval: Mapped[int | None] = mapped_column(Integer)
    byday: Mapped[str | None] = mapped_column(Text)
    byweekno: Mapped[str | None] = mapped_column(Text)
    bymonthday: Mapped[str | None] = mapped_column(Text)
    byyearday: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    opens_at: Mapped[str | None] = mapped_column(String(8))  # "HH:MM" (24-hour clock)
    closes_at: Mapped[str | None] = mapped_column(String(8))
    schedule_link: Mapped[str | None] = mapped_column(Text)
    attending_type: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class Contact(Base):
    __tablename__ = "dir_contact"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str | None] = _link()
    service_id: Mapped[str | None] = _link()
    service_at_location_id: Mapped[str | None] = _link()
    location_id: Mapped[str | None] = _link()
    name: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)


class Phone(Base):
    __tablename__ = "dir_phone"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    location_id: Mapped[str | None] = _link()
    service_id: Mapped[str | None] = _link()
    organization_id: Mapped[str | None] = _link()
    contact_id: Mapped[str | None] = _link()
    service_at_location_id: Mapped[str | None] = _link()
    number: Mapped[str] = mapped_column(Text, default="")
    extension: Mapped[float | None] = mapped_column(Float)
    type: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)


class CostOption(Base):
    __tablename__ = "dir_cost_option"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    service_id: Mapped[str | None] = _link()
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    option: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str | None] = mapped_column(String(3))
    amount: Mapped[float | None] = mapped_column(Float)
    amount_description: Mapped[str | None] = mapped_column(Text)


class Taxonomy(Base):
    __tablename__ = "dir_taxonomy"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    uri: Mapped[str | None] = mapped_column(Text)
    version: Mapped[str | None] = mapped_column(Text)


class TaxonomyTerm(Base):
    __tablename__ = "dir_taxonomy_term"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    code: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[str | None] = mapped_column(ID)
    taxonomy: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(Text)
    taxonomy_id: Mapped[str | None] = mapped_column(ID)
    term_uri: Mapped[str | None] = mapped_column(Text)


class Attribute(Base):
    __tablename__ = "dir_attribute"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    link_id: Mapped[str | None] = _link()
    taxonomy_term_id: Mapped[str | None] = _link()
    link_type: Mapped[str | None] = mapped_column(Text)
    link_entity: Mapped[str | None] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(Text)


class Accessibility(Base):
    __tablename__ = "dir_accessibility"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    location_id: Mapped[str | None] = _link()
    description: Mapped[str | None] = mapped_column(Text)
    details: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)


class Language(Base):
    __tablename__ = "dir_language"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    service_id: Mapped[str | None] = _link()
    location_id: Mapped[str | None] = _link()
    phone_id: Mapped[str | None] = _link()
    name: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class ServiceArea(Base):
    __tablename__ = "dir_service_area"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    service_id: Mapped[str | None] = _link()
    name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    extent: Mapped[str | None] = mapped_column(Text)
    extent_type: Mapped[str | None] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(Text)


class TermCategory(Base):
    """The editable mapping from an imported taxonomy term (by its name) to our category.

    An empty category means "this term is not a social prescribing category". Terms with
    no row here are mapped by the built-in keyword rules in categories.py.
    """

    __tablename__ = "dir_term_category"

    term: Mapped[str] = mapped_column(String(200), primary_key=True)  # lower-cased term name
    category: Mapped[str] = mapped_column(String(40), default="")


class ServiceIndex(Base):
    """One row per service with everything the results list shows and filters on.

    Rebuilt by search.reindex() in the same transaction as every change, so a search reads
    one narrow table and never joins; the full-text index (dir_service_fts, built in the
    migration) shares its integer key.
    """

    __tablename__ = "dir_service_index"

    key: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[str] = mapped_column(ID, unique=True)
    name: Mapped[str] = mapped_column(Text)
    name_sort: Mapped[str] = mapped_column(Text, index=True)
    organisation: Mapped[str] = mapped_column(Text, default="")
    categories: Mapped[str] = mapped_column(Text, default="")
    category_mask: Mapped[int] = mapped_column(Integer, default=0)
    slot_mask: Mapped[int] = mapped_column(Integer, default=0)
    access_mask: Mapped[int] = mapped_column(Integer, default=0)
    attend_mask: Mapped[int] = mapped_column(Integer, default=0)
    free: Mapped[bool] = mapped_column(Boolean, default=False)
    cost_text: Mapped[str] = mapped_column(Text, default="")
    next_session: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    postcode_district: Mapped[str] = mapped_column(String(5), default="", index=True)
    postcode_area: Mapped[str] = mapped_column(String(2), default="")
    minimum_age: Mapped[float | None] = mapped_column(Float)
    maximum_age: Mapped[float | None] = mapped_column(Float)
    last_verified: Mapped[date | None] = mapped_column(Date, index=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    favourite: Mapped[bool] = mapped_column(Boolean, default=False)


# The standard's table names (tabular CSV file stems and nested JSON keys) to our classes.
TABLES: dict[str, type[Base]] = {
    "organizations": Organization,
    "services": Service,
    "locations": Location,
    "addresses": Address,
    "service_at_locations": ServiceAtLocation,
    "schedules": Schedule,
    "contacts": Contact,
    "phones": Phone,
    "cost_options": CostOption,
    "taxonomies": Taxonomy,
    "taxonomy_terms": TaxonomyTerm,
    "attributes": Attribute,
    "accessibility": Accessibility,
    "languages": Language,
    "service_areas": ServiceArea,
}

LOCAL_FIELDS = frozenset(
    {"key", "local_notes", "last_verified", "favourite", "archived", "source_feed", "source_hash",
     "added_at", "updated_at"}
)


def standard_fields(model: type[Base]) -> list[str]:
    """The standard's field names a table holds, in column order (our own fields left out)."""
    return [column.name for column in model.__table__.columns if column.name not in LOCAL_FIELDS]
