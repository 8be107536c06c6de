"""Demo directory: about 150 fictional services in a Birmingham-like area, the same every time."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, update

from .generator import synthetic_services
from .indexer import reindex
from .models import Service
from .oruk_import import import_records

DEMO_FEED = "LinkDesk demo data (fictional)"
# A few hand-written services so the demo shows what the detail pane reads like at its best.
FEATURED = [
    {"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d01", "name": "Cotteridge Walking Group", "status": "active",
     "description": "A gentle hour's walk round Cotteridge Park at an easy pace, finishing with tea in the hall. "
                    "Walk leaders are trained in first aid.",
     "eligibility_description": "Adults who can walk for 30 minutes on the flat.", "minimum_age": 18,
     "organization": {"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d02", "name": "Friends of Cotteridge Park",
                      "description": "Volunteers who look after Cotteridge Park (fictional)."},
     "phones": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d03", "number": "0121 496 0123"}],
     "schedules": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d04", "freq": "WEEKLY", "interval": 1, "byday": "TU",
                    "opens_at": "10:00", "closes_at": "11:30", "attending_type": "in person"}],
     "cost_options": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d05", "amount": 0, "currency": "GBP"}],
     "service_at_locations": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d06", "location": {
         "id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d07", "location_type": "physical", "name": "Cotteridge Church Hall",
         "addresses": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d08", "address_1": "24 Pershore Road",
                        "address_2": "Cotteridge", "city": "Birmingham", "state_province": "West Midlands",
                        "postal_code": "B30 3EJ", "country": "GB", "address_type": "physical"}],
         "accessibility": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d09",
                            "description": "Step-free entrance, accessible toilet and a hearing loop in the hall."}]}}],
     "attributes": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d0a", "taxonomy_term": {
         "id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d0b", "name": "Walking groups", "description": "Walking groups"}}]},
    {"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d11", "name": "Stirchley Men's Shed", "status": "active",
     "description": "Woodwork, repairs and a brew: a workshop where men (and anyone else) make things and friends.",
     "organization": {"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d12", "name": "Stirchley Shed Trust",
                      "description": "A fictional community workshop charity."},
     "phones": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d13", "number": "0121 496 0456"}],
     "schedules": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d14", "freq": "MONTHLY", "interval": 1, "byday": "1MO",
                    "opens_at": "14:00", "closes_at": "16:00", "attending_type": "in person"}],
     "cost_options": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d15", "amount": 3, "currency": "GBP",
                       "amount_description": "per session"}],
     "service_at_locations": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d16", "location": {
         "id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d17", "location_type": "physical", "name": "The Old Print Works",
         "addresses": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d18", "address_1": "7 Hazelwell Street",
                        "city": "Birmingham", "state_province": "West Midlands", "postal_code": "B30 2JX",
                        "country": "GB", "address_type": "physical"}]}}],
     "attributes": [{"id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d1a", "taxonomy_term": {
         "id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d1b", "name": "Men's sheds", "description": "Men's sheds"}}]},
]


def demo_services() -> list[dict]:
    return FEATURED + list(synthetic_services(148, seed=2026))


def add_demo_data(store) -> None:
    """Import the demo directory, then mark some services as a link worker would have."""
    import_records(store, demo_services(), DEMO_FEED)
    today = date.today()
    with store.session() as session:
        ids = list(session.scalars(select(Service.id).order_by(Service.key)))
        for number, service_id in enumerate(ids):
            # Most checked within the year; every seventh one is overdue so the flag shows.
            checked = today - timedelta(days=(number * 37) % 330 + (400 if number % 7 == 3 else 0))
            values = {"last_verified": checked}
            if number % 11 == 0:
                values["favourite"] = True
            if number == 0:
                values["local_notes"] = "Ask for Jo at the door; she meets new walkers on their first week."
            session.execute(update(Service).where(Service.id == service_id).values(**values))
        reindex(session, ids)
