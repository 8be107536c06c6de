"""Keeps the search index (dir_service_index and the FTS5 table) in step with the services.

Called inside the caller's transaction by every change (add, edit, verify, archive,
import), so the index can never disagree with what was committed.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from . import schedule as schedules_rules
from .categories import BY_CODE, CATEGORIES, access_mask, attend_mask, guess_category, normalise_term
from .cost import Price, cost_text, is_free
from .models import (
    Accessibility, Address, Attribute, CostOption, Location, Organization, Schedule, Service, ServiceAtLocation,
    ServiceIndex, TaxonomyTerm, TermCategory,
)
from .places import address_line, normalise_postcode, postcode_place

CHUNK = 400
_CATEGORY_POSITION = {category.code: index for index, category in enumerate(CATEGORIES)}


def _by(rows, key: str) -> dict:
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def _rows(session: Session, model, column: str, values) -> list:
    values = [value for value in set(values) if value]
    if not values:
        return []
    table = model.__table__
    return list(session.execute(select(table).where(table.c[column].in_(values))).mappings())


def term_categories(session: Session) -> dict[str, str]:
    return {row.term: row.category for row in session.scalars(select(TermCategory))}


def category_for_term(name: str, mapping: dict[str, str]) -> str:
    key = normalise_term(name)
    return mapping[key] if key in mapping else guess_category(name)


def reindex(session: Session, service_ids) -> None:
    """Rebuild the index rows and full-text entries of these services (by ORUK id)."""
    ids = list(dict.fromkeys(service_ids))
    if not ids:
        return
    session.flush()
    mapping = term_categories(session)
    for start in range(0, len(ids), CHUNK):
        _reindex_chunk(session, ids[start:start + CHUNK], mapping)


def reindex_all(session: Session) -> None:
    reindex(session, session.scalars(select(Service.id)).all())


def _reindex_chunk(session: Session, ids: list[str], mapping: dict[str, str]) -> None:
    services = _rows(session, Service, "id", ids)
    organisations = {row["id"]: row for row in _rows(session, Organization, "id", [s["organization_id"] for s in services])}
    links = _rows(session, ServiceAtLocation, "service_id", ids)
    links_by_service = _by(links, "service_id")
    locations = {row["id"]: row for row in _rows(session, Location, "id", [link["location_id"] for link in links])}
    addresses = _by(_rows(session, Address, "location_id", locations), "location_id")
    access = _by(_rows(session, Accessibility, "location_id", locations), "location_id")
    own_schedules = _by(_rows(session, Schedule, "service_id", ids), "service_id")
    link_schedules = _by(_rows(session, Schedule, "service_at_location_id", [link["id"] for link in links]),
                         "service_at_location_id")
    costs = _by(_rows(session, CostOption, "service_id", ids), "service_id")
    attributes = _rows(session, Attribute, "link_id", ids)
    terms = {row["id"]: row for row in _rows(session, TaxonomyTerm, "id", [a["taxonomy_term_id"] for a in attributes])}
    attributes_by_service = _by(attributes, "link_id")

    keys = [service["key"] for service in services]
    session.execute(delete(ServiceIndex).where(ServiceIndex.key.in_(keys)))
    connection = session.connection()
    for key in keys:
        connection.execute(text("DELETE FROM dir_service_fts WHERE rowid = :key"), {"key": key})

    index_rows, fts_rows = [], []
    for service in services:
        sid = service["id"]
        service_links = links_by_service.get(sid, [])
        places = [locations[link["location_id"]] for link in service_links if link["location_id"] in locations]
        sched = list(own_schedules.get(sid, []))
        for link in service_links:
            sched.extend(s for s in link_schedules.get(link["id"], []) if s["service_id"] != sid)
        sched_objects = [_Plain(row) for row in sched]

        term_names, category_codes = [], []
        for attribute in attributes_by_service.get(sid, []):
            term = terms.get(attribute["taxonomy_term_id"])
            if term is None:
                continue
            term_names.append(term["name"])
            code = category_for_term(term["name"], mapping)
            if code in BY_CODE and code not in category_codes:
                category_codes.append(code)
        category_codes.sort(key=_CATEGORY_POSITION.get)
        labels = [BY_CODE[code].label for code in category_codes]

        address_texts, postcode, location_names, access_texts = [], "", [], []
        for place in places:
            location_names.append(place["name"] or "")
            for address in addresses.get(place["id"], []):
                address_texts.append(address_line(address["address_1"], address["address_2"], address["city"],
                                                  address["postal_code"]))
                if not postcode and address["postal_code"] and address["address_type"] != "postal":
                    postcode = normalise_postcode(address["postal_code"])
            for item in access.get(place["id"], []):
                access_texts.extend([item["description"] or "", item["details"] or ""])
        place = postcode_place(postcode)
        prices = [Price(c["amount"], c["currency"], c["option"], c["amount_description"]) for c in costs.get(sid, [])]
        described = [text for text in (schedules_rules.describe(s) for s in sched_objects) if text]
        organisation = (organisations.get(service["organization_id"]) or {}).get("name") or ""
        physical = any(p["location_type"] != "virtual" for p in places)

        index_rows.append({
            "key": service["key"], "service_id": sid, "name": service["name"],
            "name_sort": service["name"].casefold(), "organisation": organisation,
            "categories": "; ".join(labels),
            "category_mask": sum(1 << _CATEGORY_POSITION[code] for code in category_codes),
            "slot_mask": schedules_rules.slot_mask(sched_objects),
            "access_mask": access_mask(access_texts),
            "attend_mask": attend_mask([s.attending_type or "" for s in sched_objects], physical),
            "free": is_free(prices, service["fees_description"]),
            "cost_text": cost_text(prices, service["fees_description"]),
            "next_session": described[0] + (f" (and {len(described) - 1} more)" if len(described) > 1 else "")
            if described else "",
            "postcode": postcode, "postcode_district": place.district if place else "",
            "postcode_area": place.area if place else "",
            "minimum_age": service["minimum_age"], "maximum_age": service["maximum_age"],
            "last_verified": service["last_verified"], "archived": service["archived"],
            "favourite": service["favourite"],
        })
        body = " ".join(filter(None, [service["description"], service["alternate_name"], *location_names,
                                      *address_texts, postcode, postcode.replace(" ", ""), *term_names]))
        fts_rows.append({"key": service["key"], "name": service["name"], "organisation": organisation,
                         "categories": " ".join(labels), "body": body})
    if index_rows:
        session.execute(insert(ServiceIndex), index_rows)
        connection.execute(
            text("INSERT INTO dir_service_fts(rowid, name, organisation, categories, body) "
                 "VALUES (:key, :name, :organisation, :categories, :body)"), fts_rows)


class _Plain:
    """Attribute access over a result row, so schedule rules take rows and mapped objects alike."""

    def __init__(self, row):
        self._row = row

    def __getattr__(self, name):
        return self._row[name]
