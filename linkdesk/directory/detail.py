"""What the detail pane shows for one service, in sentences a person would write; and the edit form's draft."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from . import schedule as schedule_rules
from .categories import ATTENDING_TYPES, BY_CODE
from .cost import Price, cost_text
from .errors import ServiceNotFound
from .indexer import category_for_term, term_categories
from .models import (
    Accessibility, Address, Attribute, Contact, CostOption, Language, Location, Organization, Phone, Schedule,
    Service, ServiceAtLocation, ServiceIndex, TaxonomyTerm,
)
from .places import address_line
from .search import months_before
from .services import CATEGORIES, ServiceDraft, SessionDraft, category_term_id


@dataclass(frozen=True)
class ServiceDetail:
    id: str
    name: str
    organisation: str
    status: str
    description: str
    categories: tuple[str, ...]
    terms: tuple[str, ...]  # the original imported taxonomy terms
    when: tuple[str, ...]  # "Every Tuesday, 10:00 to 11:30, at Cotteridge Church Hall, 24 Pershore Road"
    addresses: tuple[str, ...]
    attending: tuple[str, ...]
    contacts: tuple[str, ...]
    phones: tuple[str, ...]
    website: str
    email: str
    cost: str
    accessibility: tuple[str, ...]
    eligibility: str
    ages: str
    languages: tuple[str, ...]
    how_to_access: str
    alert: str
    local_notes: str
    last_verified: date | None
    possibly_out_of_date: bool
    favourite: bool
    archived: bool
    source_feed: str


def _ages(minimum, maximum) -> str:
    low = None if minimum is None else int(minimum)
    high = None if maximum is None else int(maximum)
    if low and high:
        return f"Ages {low} to {high}"
    if low:
        return f"Ages {low} and over"
    if high:
        return f"Up to age {high}"
    return ""


def _phone(phone: Phone) -> str:
    number = phone.number.strip().strip('"')
    if phone.extension is not None:
        number += f" extension {phone.extension:g}"
    return f"{number} ({phone.description})" if phone.description and len(phone.description) < 60 else number


def get_service_detail(store, service_id: str, stale_months: int = 12, today: date | None = None) -> ServiceDetail:
    with store.session() as session:
        return service_detail(session, service_id, stale_months, today)


def service_detail(session: Session, service_id: str, stale_months: int = 12, today: date | None = None) -> ServiceDetail:
    service = session.scalar(select(Service).where(Service.id == service_id))
    if service is None:
        raise ServiceNotFound(service_id)
    organisation = session.get(Organization, service.organization_id) if service.organization_id else None
    links = list(session.scalars(select(ServiceAtLocation).where(ServiceAtLocation.service_id == service_id)))
    places = {link.id: session.get(Location, link.location_id) for link in links if link.location_id}
    place_lines, access_lines = {}, []
    for link_id, place in places.items():
        if place is None:
            continue
        address = session.scalar(select(Address).where(Address.location_id == place.id).limit(1))
        place_lines[link_id] = address_line(address.address_1, address.address_2, address.city, None, place.name) \
            if address else (place.name or "")
        for item in session.scalars(select(Accessibility).where(Accessibility.location_id == place.id)):
            access_lines.extend(text for text in (item.description, item.details) if text)
    addresses = []
    for place in places.values():
        for address in session.scalars(select(Address).where(Address.location_id == place.id)) if place else ():
            addresses.append(address_line(address.address_1, address.address_2, address.city, address.postal_code,
                                          place.name))
    schedules = session.scalars(select(Schedule).where(or_(
        Schedule.service_id == service_id, Schedule.service_at_location_id.in_(list(places))))).all()
    when, attending = [], []
    default_place = next(iter(place_lines.values()), "")
    for item in schedules:
        line = schedule_rules.describe(item)
        if not line:
            continue
        where = place_lines.get(item.service_at_location_id) or default_place
        when.append(f"{line}, at {where}" if where else line)
        if item.attending_type and item.attending_type not in attending:
            attending.append(item.attending_type)
    index = session.scalar(select(ServiceIndex).where(ServiceIndex.service_id == service_id))
    if index is not None and not attending:
        attending = [kind.capitalize() for bit, kind in enumerate(ATTENDING_TYPES) if index.attend_mask & (1 << bit)]

    contacts = []
    for contact in session.scalars(select(Contact).where(Contact.service_id == service_id)):
        contacts.append(", ".join(part for part in (contact.name, contact.title, contact.email) if part))
    phones = [_phone(p) for p in session.scalars(select(Phone).where(or_(
        Phone.service_id == service_id, Phone.service_at_location_id.in_(list(places)))))]
    prices = [Price(c.amount, c.currency, c.option, c.amount_description)
              for c in session.scalars(select(CostOption).where(CostOption.service_id == service_id))]
    languages = [lang.name or lang.code or "" for lang in session.scalars(
        select(Language).where(Language.service_id == service_id))]
    mapping = term_categories(session)
    ours = {category_term_id(category.code) for category in CATEGORIES}
    terms, categories = [], []
    for term in session.scalars(select(TaxonomyTerm).join(Attribute, Attribute.taxonomy_term_id == TaxonomyTerm.id)
                                .where(Attribute.link_id == service_id)):
        if term.id not in ours:
            terms.append(term.name)
        code = category_for_term(term.name, mapping)
        if code in BY_CODE and BY_CODE[code].label not in categories:
            categories.append(BY_CODE[code].label)
    stale_before = months_before(today or date.today(), stale_months)
    return ServiceDetail(
        id=service.id, name=service.name, organisation=organisation.name if organisation else "",
        status=service.status, description=service.description or "", categories=tuple(categories),
        terms=tuple(terms), when=tuple(when), addresses=tuple(dict.fromkeys(addresses)), attending=tuple(attending),
        contacts=tuple(contacts), phones=tuple(dict.fromkeys(phones)), website=service.url or "",
        email=service.email or "", cost=cost_text(prices, service.fees_description),
        accessibility=tuple(dict.fromkeys(access_lines)), eligibility=service.eligibility_description or "",
        ages=_ages(service.minimum_age, service.maximum_age), languages=tuple(filter(None, languages)),
        how_to_access=service.application_process or "", alert=service.alert or "",
        local_notes=service.local_notes, last_verified=service.last_verified,
        possibly_out_of_date=service.last_verified is None or service.last_verified < stale_before,
        favourite=service.favourite, archived=service.archived, source_feed=service.source_feed,
    )


def draft_for(store, service_id: str) -> ServiceDraft:
    """The edit form's starting values for a service."""
    with store.session() as session:
        service = session.scalar(select(Service).where(Service.id == service_id))
        if service is None:
            raise ServiceNotFound(service_id)
        organisation = session.get(Organization, service.organization_id) if service.organization_id else None
        link = session.scalar(select(ServiceAtLocation).where(ServiceAtLocation.service_id == service_id).limit(1))
        place = session.get(Location, link.location_id) if link and link.location_id else None
        address = session.scalar(select(Address).where(Address.location_id == place.id).limit(1)) if place else None
        access = session.scalar(select(Accessibility).where(Accessibility.location_id == place.id).limit(1)) \
            if place else None
        phone = session.scalar(select(Phone).where(Phone.service_id == service_id).limit(1))
        cost = session.scalar(select(CostOption).where(CostOption.service_id == service_id).limit(1))
        mapping = term_categories(session)
        codes = []
        for name in session.scalars(select(TaxonomyTerm.name).join(
                Attribute, Attribute.taxonomy_term_id == TaxonomyTerm.id).where(Attribute.link_id == service_id)):
            code = category_for_term(name, mapping)
            if code in BY_CODE and code not in codes:
                codes.append(code)
        sessions = [SessionDraft(byday=s.byday or "", freq=s.freq or "WEEKLY", interval=s.interval or 1,
                                 opens_at=s.opens_at or "", closes_at=s.closes_at or "",
                                 attending_type=s.attending_type or "", bymonthday=s.bymonthday or "",
                                 description=s.description or "")
                    for s in session.scalars(select(Schedule).where(Schedule.service_id == service_id))]
        return ServiceDraft(
            name=service.name, organisation=organisation.name if organisation else "",
            description=service.description or "", categories=codes, website=service.url or "",
            email=service.email or "", phone=phone.number if phone else "",
            location_name=(place.name or "") if place else "", address_1=address.address_1 if address else "",
            address_2=(address.address_2 or "") if address else "", city=address.city if address else "",
            postcode=address.postal_code if address else "", sessions=sessions,
            cost_amount=cost.amount if cost else None, cost_description=(cost.amount_description or "") if cost else "",
            eligibility=service.eligibility_description or "",
            minimum_age=None if service.minimum_age is None else int(service.minimum_age),
            maximum_age=None if service.maximum_age is None else int(service.maximum_age),
            accessibility=(access.description or "") if access else "", alert=service.alert or "",
        )
