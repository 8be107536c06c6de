"""Use cases on single services: add, edit, verify, archive, favourite, local notes, category mapping.

Every change is audited (entity "service") and re-indexed in the same transaction.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from linkdesk.store import audit
from linkdesk.store.base import utc_now

from .categories import BY_CODE, CATEGORIES, find_category, normalise_term
from .errors import InvalidService, ServiceNotFound
from .indexer import reindex
from .models import (
    Accessibility, Address, Attribute, CostOption, Location, Organization, Phone, Schedule, Service,
    ServiceAtLocation, Taxonomy, TaxonomyTerm, TermCategory,
)
from .places import normalise_postcode
from .schedule import parse_byday
from .text import parse_time

# Our own categories travel in exports as ordinary HSDS attributes of this taxonomy.
NAMESPACE = uuid.UUID("6d1c2f1e-7c8a-4f7e-9a51-2b9d6c0e4a11")
TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "linkdesk-categories"))
TAXONOMY_NAME = "LinkDesk social prescribing categories"


def category_term_id(code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"category:{code}"))


@dataclass
class SessionDraft:
    byday: str = ""  # "TU", "1MO" (first Monday), "MO,WE"
    freq: str = "WEEKLY"
    interval: int = 1
    opens_at: str = ""
    closes_at: str = ""
    attending_type: str = ""
    bymonthday: str = ""
    description: str = ""


@dataclass
class ServiceDraft:
    """What the add/edit form holds: the common fields of one service at one place."""

    name: str = ""
    organisation: str = ""
    description: str = ""
    categories: list[str] = field(default_factory=list)  # codes
    website: str = ""
    email: str = ""
    phone: str = ""
    location_name: str = ""
    address_1: str = ""
    address_2: str = ""
    city: str = ""
    postcode: str = ""
    sessions: list[SessionDraft] = field(default_factory=list)
    cost_amount: float | None = None  # 0 means free; None means not stated
    cost_description: str = ""  # "a session"
    eligibility: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    accessibility: str = ""
    alert: str = ""


def _validate(draft: ServiceDraft) -> None:
    if not draft.name.strip():
        raise InvalidService("name", "A service needs a name.")
    if not draft.organisation.strip():
        raise InvalidService("organisation", "Say which organisation runs the service.")
    if draft.email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", draft.email.strip()):
        raise InvalidService("email", f"{draft.email!r} does not look like an email address.")
    for code in draft.categories:
        if code not in BY_CODE:
            raise InvalidService("categories", f"{code!r} is not a category.")
    if draft.cost_amount is not None and draft.cost_amount < 0:
        raise InvalidService("cost", "A cost cannot be below zero.")
    if draft.minimum_age is not None and draft.maximum_age is not None and draft.minimum_age > draft.maximum_age:
        raise InvalidService("maximum_age", "The oldest age is below the youngest age.")
    for number, session in enumerate(draft.sessions, start=1):
        if session.byday and not parse_byday(session.byday):
            raise InvalidService("sessions", f"Session {number}: {session.byday!r} is not a day like TU or 1MO.")
        for name in ("opens_at", "closes_at"):
            try:
                setattr(session, name, parse_time(getattr(session, name)) or "")
            except ValueError as exc:
                raise InvalidService("sessions", f"Session {number}: {exc}.") from None
        if session.opens_at and session.closes_at and session.closes_at <= session.opens_at:
            raise InvalidService("sessions", f"Session {number} ends before it starts.")


def _get(session: Session, service_id: str) -> Service:
    service = session.scalar(select(Service).where(Service.id == service_id))
    if service is None:
        raise ServiceNotFound(service_id)
    return service


def _new_id() -> str:
    return str(uuid.uuid4())


def _none(text: str) -> str | None:
    return text.strip() or None


def add_service(store, draft: ServiceDraft) -> str:
    """Add a service typed in by the link worker; returns its new id. Counts as verified today."""
    _validate(draft)
    with store.session() as session:
        service = Service(id=_new_id(), name=draft.name.strip(), status="active", source_feed="",
                          local_notes="", favourite=False, archived=False, last_verified=date.today())
        session.add(service)
        _apply(session, service, draft)
        reindex(session, [service.id])
        audit.record(session, "create", "service", service.id, "added by hand")
        return service.id


def edit_service(store, service_id: str, draft: ServiceDraft) -> None:
    """Save the form; imported details the form does not show (other locations, extra phones) are kept."""
    _validate(draft)
    with store.session() as session:
        service = _get(session, service_id)
        _apply(session, service, draft)
        service.source_hash = None  # an edited record no longer matches what was imported
        reindex(session, [service.id])
        audit.record(session, "update", "service", service.id, "edited")


def _apply(session: Session, service: Service, draft: ServiceDraft) -> None:
    service.name = draft.name.strip()
    service.description = _none(draft.description)
    service.url = _none(draft.website)
    service.email = _none(draft.email)
    service.eligibility_description = _none(draft.eligibility)
    service.minimum_age = draft.minimum_age
    service.maximum_age = draft.maximum_age
    service.alert = _none(draft.alert)
    service.updated_at = utc_now()

    name = draft.organisation.strip()
    organisation = session.scalar(select(Organization).where(Organization.name == name).limit(1))
    if organisation is None:
        organisation = Organization(id=_new_id(), name=name, description=name)
        session.add(organisation)
    service.organization_id = organisation.id
    session.flush()

    _apply_place(session, service, draft)
    phone = session.scalar(select(Phone).where(Phone.service_id == service.id).limit(1))
    if draft.phone.strip():
        if phone is None:
            phone = Phone(id=_new_id(), service_id=service.id)
            session.add(phone)
        phone.number = draft.phone.strip()
    elif phone is not None:
        session.delete(phone)

    session.execute(delete(Schedule).where(Schedule.service_id == service.id))
    for entry in draft.sessions:
        session.add(Schedule(
            id=_new_id(), service_id=service.id, freq=entry.freq or "WEEKLY", interval=entry.interval or 1,
            byday=_none(entry.byday.upper()), bymonthday=_none(entry.bymonthday), opens_at=entry.opens_at or None,
            closes_at=entry.closes_at or None, attending_type=_none(entry.attending_type),
            description=_none(entry.description)))

    session.execute(delete(CostOption).where(CostOption.service_id == service.id))
    if draft.cost_amount is not None:
        session.add(CostOption(id=_new_id(), service_id=service.id, amount=draft.cost_amount, currency="GBP",
                               amount_description=_none(draft.cost_description)))
    _apply_categories(session, service.id, draft.categories)


def _apply_place(session: Session, service: Service, draft: ServiceDraft) -> None:
    link = session.scalar(select(ServiceAtLocation).where(ServiceAtLocation.service_id == service.id).limit(1))
    wanted = any(part.strip() for part in (draft.location_name, draft.address_1, draft.postcode, draft.accessibility))
    if not wanted:
        return
    location = session.get(Location, link.location_id) if link and link.location_id else None
    if location is None:
        location = Location(id=_new_id(), location_type="physical")
        session.add(location)
        session.add(ServiceAtLocation(id=_new_id(), service_id=service.id, location_id=location.id))
    location.name = _none(draft.location_name)
    address = session.scalar(select(Address).where(Address.location_id == location.id).limit(1))
    if address is None:
        address = Address(id=_new_id(), location_id=location.id, address_type="physical", country="GB")
        session.add(address)
    address.address_1 = draft.address_1.strip()
    address.address_2 = _none(draft.address_2)
    address.city = draft.city.strip()
    address.state_province = address.state_province or ""
    address.postal_code = normalise_postcode(draft.postcode)
    access = session.scalar(select(Accessibility).where(Accessibility.location_id == location.id).limit(1))
    if draft.accessibility.strip():
        if access is None:
            access = Accessibility(id=_new_id(), location_id=location.id)
            session.add(access)
        access.description = draft.accessibility.strip()
    elif access is not None:
        session.delete(access)


def _apply_categories(session: Session, service_id: str, codes: list[str]) -> None:
    ensure_category_terms(session)
    ours = [category_term_id(category.code) for category in CATEGORIES]
    session.execute(delete(Attribute).where(Attribute.link_id == service_id, Attribute.taxonomy_term_id.in_(ours)))
    for code in dict.fromkeys(codes):
        session.add(Attribute(id=str(uuid.uuid5(NAMESPACE, f"{service_id}:{code}")), link_id=service_id,
                              link_type="service", link_entity="service", taxonomy_term_id=category_term_id(code)))


def ensure_category_terms(session: Session) -> None:
    if session.get(Taxonomy, TAXONOMY_ID) is None:
        session.add(Taxonomy(id=TAXONOMY_ID, name=TAXONOMY_NAME, description=TAXONOMY_NAME))
        for category in CATEGORIES:
            session.add(TaxonomyTerm(id=category_term_id(category.code), code=category.code, name=category.label,
                                     description=category.label, taxonomy=TAXONOMY_NAME, taxonomy_id=TAXONOMY_ID))
        session.flush()


def _change(store, service_id: str, detail: str, **values) -> None:
    with store.session() as session:
        service = _get(session, service_id)
        for name, value in values.items():
            setattr(service, name, value)
        service.updated_at = utc_now()
        reindex(session, [service_id])
        audit.record(session, "update", "service", service_id, detail)


def verify_service(store, service_id: str, on: date | None = None) -> None:
    """"Checked today": the details were confirmed with the provider."""
    _change(store, service_id, "verified", last_verified=on or date.today())


def set_archived(store, service_id: str, archived: bool) -> None:
    _change(store, service_id, "archived" if archived else "unarchived", archived=archived)


def set_favourite(store, service_id: str, favourite: bool) -> None:
    _change(store, service_id, "favourite" if favourite else "not favourite", favourite=favourite)


def toggle_favourite(store, service_id: str) -> bool:
    with store.session() as session:
        now = not _get(session, service_id).favourite
    set_favourite(store, service_id, now)
    return now


def set_local_notes(store, service_id: str, notes: str) -> None:
    _change(store, service_id, "local notes", local_notes=notes.strip())


@dataclass(frozen=True)
class TermMapping:
    term: str
    category: str  # code, or "" for none
    chosen: bool  # False: the keyword rules guessed it


def term_mappings(store) -> list[TermMapping]:
    """Every imported term name with the category it maps to, for the mapping editor."""
    from .indexer import category_for_term, term_categories

    with store.session() as session:
        mapping = term_categories(session)
        names = sorted({normalise_term(name) for name in session.scalars(
            select(TaxonomyTerm.name).where(TaxonomyTerm.taxonomy_id.is_distinct_from(TAXONOMY_ID)))})
        return [TermMapping(name, category_for_term(name, mapping), name in mapping) for name in names if name]


def map_term(store, term: str, category: str | None) -> int:
    """Map an imported term to a category ("" for none, None to go back to the guess); returns services changed."""
    key = normalise_term(term)
    code = "" if not category else find_category(category).code
    with store.session() as session:
        if category is None:
            session.execute(delete(TermCategory).where(TermCategory.term == key))
        else:
            session.merge(TermCategory(term=key, category=code))
        term_ids = [tid for tid, name in session.execute(select(TaxonomyTerm.id, TaxonomyTerm.name))
                    if normalise_term(name) == key]
        service_ids = list(session.scalars(select(Attribute.link_id).where(Attribute.taxonomy_term_id.in_(term_ids))))
        existing = set(session.scalars(select(Service.id).where(Service.id.in_(service_ids))))
        reindex(session, [sid for sid in service_ids if sid in existing])
        audit.record(session, "update", "service", None, f"term mapping changed; {len(existing)} services")
        return len(existing)

