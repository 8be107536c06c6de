"""Reading import sources into a Bundle: nested ORUK JSON, HSDS tabular CSV, and the flat CSV template."""

from __future__ import annotations

import csv
import io
import json
import uuid

from linkdesk.files import reason, write_atomically

from .bundle import NAMESPACE, Bundle, Skip
from .errors import ExportFailed, ImportFailed

# Nested lists under each kind of record, and the link field the child gets from its parent.
_NESTED = {
    "services": {"phones": "service_id", "schedules": "service_id", "service_areas": "service_id",
                 "languages": "service_id", "cost_options": "service_id", "contacts": "service_id",
                 "service_at_locations": "service_id", "attributes": "link_id"},
    "service_at_locations": {"contacts": "service_at_location_id", "phones": "service_at_location_id",
                             "schedules": "service_at_location_id"},
    "locations": {"addresses": "location_id", "accessibility": "location_id", "phones": "location_id",
                  "contacts": "location_id", "schedules": "location_id", "languages": "location_id"},
    "contacts": {"phones": "contact_id"},
    "phones": {"languages": "phone_id"},
}


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252 as Excel on Windows saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportFailed(f"{name} is neither UTF-8 nor Windows-1252 text.") from None


def json_services(data: bytes, name: str) -> list:
    """The services in one JSON file: a service, an array of services, or a page with `contents`."""
    try:
        document = json.loads(decode(data, name))
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).") from None
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return document["contents"]
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and ("name" in document or "id" in document):
        return [document]
    raise ImportFailed(f"{name} holds no ORUK services (expected a service, a list of them, or a page with contents).")


def add_json_service(bundle: Bundle, raw, position: str) -> None:
    """Flatten one nested service into the bundle; an unusable one becomes a skip."""
    if not isinstance(raw, dict):
        bundle.skips.append(Skip(position, "is not a JSON object"))
        return
    label = f"service {raw.get('id') or '(no id)'} ({raw.get('name') or 'no name'})"
    if not raw.get("id"):
        bundle.skips.append(Skip(f"{position} {label}", "has no id"))
        return
    service_id = str(raw["id"]).strip()
    if not str(raw.get("name") or "").strip():
        bundle.skips.append(Skip(label, "has no name"))
        return
    if service_id in bundle.tables["services"]:
        bundle.skips.append(Skip(label, "has the same id as an earlier service in the file; the first was kept"))
        return
    links = {}
    organisation = raw.get("organization")
    if isinstance(organisation, dict) and (organisation.get("id") or organisation.get("name")):
        links["organization_id"] = bundle.put("organizations", organisation, fallback_id=str(organisation.get("name")))
    bundle.put("services", raw, links)
    bundle.service_order.append(service_id)
    _children(bundle, "services", raw, service_id)


def _children(bundle: Bundle, table: str, raw: dict, parent_id: str) -> None:
    for key, link in _NESTED.get(table, {}).items():
        items = raw.get(key)
        if isinstance(items, dict):
            items = [items]
        if not isinstance(items, list):
            continue
        for number, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            fallback = f"{parent_id}:{key}:{number}"
            if key == "attributes":
                _attribute(bundle, item, parent_id, fallback)
                continue
            links = {link: parent_id}
            if key == "service_at_locations" and isinstance(item.get("location"), dict):
                location = item["location"]
                location_id = bundle.put("locations", location, fallback_id=f"{fallback}:location")
                _children(bundle, "locations", location, location_id)
                links["location_id"] = location_id
            child_id = bundle.put(key, item, links, fallback_id=fallback)
            _children(bundle, key, item, child_id)


def _attribute(bundle: Bundle, item: dict, parent_id: str, fallback: str) -> None:
    links = {"link_id": parent_id, "link_entity": "service"}
    term = item.get("taxonomy_term")
    if isinstance(term, dict):
        detail = term.get("taxonomy_detail")
        term_links = {}
        if isinstance(detail, dict):
            term_links["taxonomy_id"] = bundle.put("taxonomies", detail, fallback_id=str(detail.get("name")))
        links["taxonomy_term_id"] = bundle.put("taxonomy_terms", term, term_links,
                                               fallback_id=str(term.get("name") or fallback))
    bundle.put("attributes", item, links, fallback_id=fallback)


def read_csv(data: bytes, name: str) -> list[dict]:
    """Rows with lower-cased, trimmed headers; raises ImportFailed on a file that is not CSV."""
    text = decode(data, name)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = []
        for row in reader:
            rows.append({(key or "").strip().lower(): value for key, value in row.items() if key is not None})
    except csv.Error as exc:
        raise ImportFailed(f"{name} could not be read as CSV: {exc}.") from None
    return rows


# File names seen in the wild for each table (the ORUK examples use a few singular ones).
TABULAR_FILES = {
    "organizations": ("organizations", "organization", "organisations"),
    "services": ("services", "service"),
    "locations": ("locations", "location"),
    "addresses": ("addresses", "address"),
    "service_at_locations": ("service_at_location", "service_at_locations"),
    "schedules": ("schedules", "schedule"),
    "contacts": ("contacts", "contact"),
    "phones": ("phones", "phone"),
    "cost_options": ("cost_options", "cost_option"),
    "taxonomies": ("taxonomies", "taxonomy"),
    "taxonomy_terms": ("taxonomy_terms", "taxonomy_term"),
    "attributes": ("attributes", "attribute"),
    "accessibility": ("accessibility", "accessibility_for_disabilities"),
    "languages": ("languages", "language"),
    "service_areas": ("service_areas", "service_area"),
}


def tabular_bundle(files: dict[str, bytes]) -> Bundle:
    """A bundle from tabular CSV files, given as {file stem: bytes}."""
    bundle = Bundle()
    stems = {stem.lower(): data for stem, data in files.items()}
    if not any(stem in stems for stem in TABULAR_FILES["services"]):
        raise ImportFailed("The folder or zip has no services.csv, so it is not an HSDS tabular package.")
    for table, names in TABULAR_FILES.items():
        stem = next((name for name in names if name in stems), None)
        if stem is None:
            continue
        for number, row in enumerate(read_csv(stems[stem], f"{stem}.csv"), start=2):
            if table == "services":
                label = f"services.csv line {number}, service {row.get('id') or '(no id)'}"
                if not (row.get("id") or "").strip():
                    bundle.skips.append(Skip(label, "has no id"))
                    continue
                if not (row.get("name") or "").strip():
                    bundle.skips.append(Skip(label, "has no name"))
                    continue
                if row["id"].strip() in bundle.tables["services"]:
                    bundle.skips.append(Skip(label, "has the same id as an earlier row; the first was kept"))
                    continue
                bundle.service_order.append(row["id"].strip())
            elif table == "attributes" and not row.get("link_entity"):
                row["link_entity"] = "service"
            bundle.put(table, row, fallback_id=f"{stem}:{number}")
    return bundle



FLAT_COLUMNS = (
    "id", "name", "organisation", "description", "categories", "website", "email", "phone",
    "location_name", "address_1", "address_2", "city", "postcode", "days", "frequency", "opens_at", "closes_at",
    "attending", "cost", "cost_description", "eligibility", "minimum_age", "maximum_age", "accessibility", "alert",
)
FLAT_EXAMPLE = {
    "id": "", "name": "Cotteridge Walking Group", "organisation": "Friends of Cotteridge Park",
    "description": "A gentle hour's walk round the park, finishing with tea.",
    "categories": "Physical activity; Social groups and befriending", "website": "https://example.org/walks",
    "email": "walks@example.org", "phone": "0121 496 0123", "location_name": "Cotteridge Church Hall",
    "address_1": "24 Pershore Road", "address_2": "Cotteridge", "city": "Birmingham", "postcode": "B30 3EJ",
    "days": "Tuesday", "frequency": "weekly", "opens_at": "10:00", "closes_at": "11:30", "attending": "in person",
    "cost": "Free", "cost_description": "", "eligibility": "Adults who can walk for 30 minutes",
    "minimum_age": "18", "maximum_age": "", "accessibility": "Wheelchair access; hearing loop", "alert": "",
}
_ORDINAL_WORDS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "last": "-1"}
_DAY_WORDS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}


def flat_days(text: str) -> str:
    """"Tuesday", "Tue and Thu", "first Monday", "TU,1MO" -> an RRULE byday list."""
    codes, ordinal = [], ""
    for word in text.replace(",", " ").replace(";", " ").replace("/", " ").split():
        lower = word.lower()
        if lower in _ORDINAL_WORDS:
            ordinal = _ORDINAL_WORDS[lower]
        elif lower[:3] in _DAY_WORDS and lower.isalpha():
            codes.append(ordinal + _DAY_WORDS[lower[:3]])
            ordinal = ""
        elif lower.lstrip("+-0123456789").upper() in _DAY_WORDS.values():
            codes.append(word.upper())
    return ",".join(codes)


def flat_service(row: dict, number: int) -> dict:
    """One template row as a nested ORUK service, with ids stable across re-imports of the sheet."""
    name = (row.get("name") or "").strip()
    organisation = (row.get("organisation") or row.get("organization") or "").strip()
    service_id = (row.get("id") or "").strip() or str(uuid.uuid5(NAMESPACE, f"flat:{organisation}:{name}".lower()))

    def child(kind: str) -> str:
        return str(uuid.uuid5(NAMESPACE, f"{service_id}:{kind}"))

    service = {key: row.get(key) for key in ("description", "email", "alert", "minimum_age", "maximum_age")}
    service.update(id=service_id, name=name, url=row.get("website"), status="active",
                   eligibility_description=row.get("eligibility"))
    if organisation:
        service["organization"] = {"id": str(uuid.uuid5(NAMESPACE, f"organisation:{organisation.lower()}")),
                                   "name": organisation, "description": organisation}
    if (row.get("phone") or "").strip():
        service["phones"] = [{"id": child("phone"), "number": row["phone"]}]
    if any((row.get(key) or "").strip() for key in ("location_name", "address_1", "postcode")):
        location = {"id": child("location"), "location_type": "physical", "name": row.get("location_name"),
                    "addresses": [{"id": child("address"), "address_1": row.get("address_1") or "",
                                   "address_2": row.get("address_2"), "city": row.get("city") or "",
                                   "state_province": "", "postal_code": row.get("postcode") or "",
                                   "country": "GB", "address_type": "physical"}]}
        if (row.get("accessibility") or "").strip():
            location["accessibility"] = [{"id": child("accessibility"), "description": row["accessibility"]}]
        service["service_at_locations"] = [{"id": child("service_at_location"), "location": location}]
    days = flat_days(row.get("days") or "")
    if days or (row.get("opens_at") or "").strip():
        frequency = (row.get("frequency") or "weekly").strip().lower()
        monthly = frequency.startswith("month") or any(code[0] in "-123456789" for code in days.split(",") if code)
        service["schedules"] = [{"id": child("schedule"), "freq": "MONTHLY" if monthly else "WEEKLY",
                                 "interval": 2 if frequency.startswith("fortnight") else 1, "byday": days,
                                 "opens_at": row.get("opens_at"), "closes_at": row.get("closes_at"),
                                 "attending_type": row.get("attending")}]
    cost = (row.get("cost") or "").strip()
    if cost:
        amount = "0" if cost.lower() in ("free", "£0", "0") else cost
        service["cost_options"] = [{"id": child("cost"), "amount": amount, "currency": "GBP",
                                    "amount_description": row.get("cost_description")}]
    terms = [term.strip() for term in (row.get("categories") or "").replace(",", ";").split(";") if term.strip()]
    service["attributes"] = [
        {"id": child(f"attribute:{term.lower()}"), "taxonomy_term": {
            "id": str(uuid.uuid5(NAMESPACE, f"term:{term.lower()}")), "name": term, "description": term}}
        for term in terms]
    return service


def flat_bundle(data: bytes, name: str) -> Bundle:
    rows = read_csv(data, name)
    if rows and "name" not in rows[0]:
        raise ImportFailed(f"{name} has no 'name' column; save the template from LinkDesk to see the columns.")
    bundle = Bundle()
    for number, row in enumerate(rows, start=2):
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # blank spreadsheet line
        add_json_service(bundle, flat_service(row, number), f"{name} line {number}")
    return bundle


def write_flat_template(path) -> None:
    """Save the flat CSV template with its header and one example row (UTF-8 with BOM for Excel)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=FLAT_COLUMNS)
    writer.writeheader()
    writer.writerow(FLAT_EXAMPLE)
    try:
        write_atomically(path, buffer.getvalue().encode("utf-8-sig"))
    except OSError as error:
        raise ExportFailed(path, reason(error), what="The flat CSV template") from error
