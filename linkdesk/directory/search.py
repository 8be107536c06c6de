"""Search as you type: FTS5 prefix matching with bm25 ranking, filters, and a plan for broad queries.

bm25 scores every matching row before it can sort, which is cheap for "walk" but slow
for "w" over 50,000 services (65-85 ms). So a query scores at most CANDIDATES matches,
taken in index order: a query with fewer matches is ranked exactly; a letter or two that
matches most rows gets a fair sample, ranked, and the next letter typed narrows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from .categories import access_bit, attend_bit, category_bit, find_category
from .errors import DirectoryError
from .places import parse_place_filter
from .schedule import slot_filter

CANDIDATES = 600
DEFAULT_LIMIT = 200
SORTS = ("relevance", "name", "last verified")
# Column weights for bm25: a word in the name counts most, then organisation and category.
_BM25 = "bm25(dir_service_fts, 10.0, 3.0, 3.0, 1.0)"


class SearchError(DirectoryError, ValueError):
    """A filter the user typed that cannot be understood; the message says which."""


@dataclass(frozen=True)
class SearchFilters:
    category: str | None = None  # a category code or label
    weekday: int | None = None  # Monday 0
    period: int | None = None  # schedule.MORNING / AFTERNOON / EVENING
    free_only: bool = False
    place: str | None = None  # postcode district ("B30") or area ("B")
    access: tuple[str, ...] = ()  # "wheelchair", "hearing loop"...
    age: int | None = None
    attending: str | None = None  # "in person", "online" or "phone"
    favourites_only: bool = False
    include_archived: bool = False


@dataclass(frozen=True)
class ServiceSummary:
    """One row of the results list."""

    id: str
    name: str
    organisation: str
    categories: tuple[str, ...]
    next_session: str
    cost: str
    postcode: str
    last_verified: date | None
    free: bool
    favourite: bool
    archived: bool
    possibly_out_of_date: bool


def match_expression(query: str) -> str:
    """"Chair yo" -> '"chair"* AND "yo"*': every word, as a prefix, so typing narrows as it goes."""
    words = re.findall(r"\w+", query.casefold())
    return " AND ".join(f'"{word}"*' for word in words)


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, 28))


def _where(filters: SearchFilters) -> tuple[list[str], dict]:
    clauses, params = [], {}
    if not filters.include_archived:
        clauses.append("i.archived = 0")
    if filters.favourites_only:
        clauses.append("i.favourite = 1")
    try:
        if filters.category:
            clauses.append("(i.category_mask & :category) != 0")
            params["category"] = category_bit(find_category(filters.category).code)
        if filters.weekday is not None or filters.period is not None:
            clauses.append("(i.slot_mask & :slots) != 0")
            params["slots"] = slot_filter(filters.weekday, filters.period)
        if filters.place:
            kind, value = parse_place_filter(filters.place)
            clauses.append(f"i.postcode_{kind} = :place")
            params["place"] = value
        if filters.access:
            mask = 0
            for feature in filters.access:
                mask |= access_bit(feature)
            clauses.append("(i.access_mask & :access) = :access")
            params["access"] = mask
        if filters.attending:
            clauses.append("(i.attend_mask & :attend) != 0")
            params["attend"] = attend_bit(filters.attending)
    except ValueError as exc:
        raise SearchError(str(exc)) from None
    if filters.free_only:
        clauses.append("i.free = 1")
    if filters.age is not None:
        clauses.append("(i.minimum_age IS NULL OR i.minimum_age <= :age) AND "
                       "(i.maximum_age IS NULL OR i.maximum_age >= :age)")
        params["age"] = filters.age
    return clauses, params


_COLUMNS = ("i.service_id, i.name, i.organisation, i.categories, i.next_session, i.cost_text, i.postcode, "
            "i.last_verified, i.free, i.favourite, i.archived")
_ORDER = {"name": "i.name_sort, i.key", "last verified": "i.last_verified DESC NULLS LAST, i.name_sort"}


def search(session: Session, query: str = "", filters: SearchFilters = SearchFilters(), sort: str = "relevance",
           limit: int = DEFAULT_LIMIT, stale_months: int = 12, today: date | None = None) -> list[ServiceSummary]:
    """Services matching every word of `query` (as prefixes) and every filter, best first."""
    if sort not in SORTS:
        raise SearchError(f"sort must be one of {', '.join(SORTS)}")
    clauses, params = _where(filters)
    params["limit"] = limit
    expression = match_expression(query)
    where = " AND ".join(clauses) or "1"
    if not expression:
        sql = f"SELECT {_COLUMNS} FROM dir_service_index i WHERE {where} ORDER BY {_ORDER.get(sort, _ORDER['name'])} LIMIT :limit"
    else:
        # Score at most CANDIDATES matches (taken in index order, not ranked first): when a
        # query has fewer matches this is every one of them, so the ranking is exact.
        params["match"] = expression
        params["candidates"] = CANDIDATES
        order = "f.score, i.name_sort" if sort == "relevance" else _ORDER[sort]
        sql = (f"SELECT {_COLUMNS} FROM (SELECT rowid, {_BM25} AS score FROM dir_service_fts "
               f"WHERE dir_service_fts MATCH :match LIMIT :candidates) f JOIN dir_service_index i ON i.key = f.rowid "
               f"WHERE {where} ORDER BY {order} LIMIT :limit")
    stale_before = months_before(today or date.today(), stale_months)
    return [_summary(row, stale_before) for row in session.execute(text(sql), params)]


def _summary(row, stale_before: date) -> ServiceSummary:
    verified = row.last_verified
    if isinstance(verified, str):  # text() results are not typed by the mapped column
        verified = date.fromisoformat(verified)
    return ServiceSummary(
        id=row.service_id, name=row.name, organisation=row.organisation,
        categories=tuple(label for label in row.categories.split("; ") if label),
        next_session=row.next_session, cost=row.cost_text, postcode=row.postcode, last_verified=verified,
        free=bool(row.free), favourite=bool(row.favourite), archived=bool(row.archived),
        possibly_out_of_date=verified is None or verified < stale_before,
    )


def search_services(store, query: str = "", filters: SearchFilters = SearchFilters(), sort: str = "relevance",
                    limit: int = DEFAULT_LIMIT, stale_months: int = 12, today: date | None = None) -> list[ServiceSummary]:
    """What the Directory tab calls on each keystroke (read-only, not audited)."""
    with store.session() as session:
        return search(session, query, filters, sort, limit, stale_months, today)


def raw_fts(session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[int]:
    """The plain FTS5 query (bm25 order) that search() is measured against in the benchmark."""
    return list(session.execute(text(
        f"SELECT rowid FROM dir_service_fts WHERE dir_service_fts MATCH :match ORDER BY {_BM25} LIMIT :limit"),
        {"match": match_expression(query), "limit": limit}).scalars())
