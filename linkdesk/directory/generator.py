"""Synthetic ORUK directories of any size (50,000 services and more), deterministic, for tests and benchmarks."""

from __future__ import annotations

import random
import uuid
from typing import Iterator

from .categories import CATEGORIES

NAMESPACE = uuid.UUID("9b3c3d52-5f0e-4b59-9a55-8f1e4c3b2a10")
ACTIVITIES = {
    "physical-activity": ["Walking Group", "Chair Yoga", "Tai Chi", "Walking Football", "Swim Session", "Keep Fit",
                          "Nordic Walking", "Dance for Health", "Cycling Club", "Pilates"],
    "arts": ["Art Club", "Community Choir", "Craft Circle", "Creative Writing", "Ukulele Group", "Pottery Class"],
    "social": ["Coffee Morning", "Befriending Calls", "Lunch Club", "Men's Shed", "Friendship Group", "Chatty Cafe"],
    "nature": ["Community Garden", "Allotment Project", "Green Gym", "Park Volunteers", "Wildlife Walks"],
    "food": ["Cookery Class", "Community Kitchen", "Food Pantry", "Healthy Eating Course", "Soup Lunch"],
    "volunteering": ["Volunteer Drivers", "Volunteer Centre", "Library Volunteers", "Charity Shop Volunteering"],
    "money": ["Debt Advice", "Benefits Help", "Money Matters Drop-in", "Budgeting Course"],
    "housing": ["Housing Advice", "Tenancy Support", "Home Repairs Service", "Warm Homes Advice"],
    "employment": ["Job Club", "English Conversation Class", "Adult Learning", "CV Workshop", "Maths for Adults"],
    "mental-wellbeing": ["Wellbeing Cafe", "Mindfulness Course", "Peer Support Group", "Talking Space", "Stress Control"],
    "carers": ["Carers Cafe", "Carers Support Group", "Carers Breaks"],
    "bereavement": ["Bereavement Support", "Grief Cafe", "Loss and Hope Group"],
    "family": ["Stay and Play", "Family Fun Day", "Parent Support Group", "Toddler Music"],
    "digital": ["Digital Drop-in", "Computer Basics", "Tablet Help", "Online Safety Class"],
    "faith": ["Faith Community Lunch", "Cultural Heritage Group", "Gurdwara Langar", "Church Community Cafe"],
    "health": ["Diabetes Support", "Pain Management Group", "Heart Health Walk", "Stop Smoking Clinic",
               "Memory Cafe"],
    "advice": ["Advice Surgery", "Advocacy Service", "Citizens Information Point"],
}
PLACES = ["Kings Heath", "Cotteridge", "Selly Oak", "Northfield", "Stirchley", "Bournville", "Harborne",
          "Moseley", "Hall Green", "Acocks Green", "Erdington", "Handsworth", "Sparkhill", "Longbridge", "Yardley"]
DISTRICTS = ["B13", "B14", "B29", "B30", "B31", "B38", "B17", "B16", "B27", "B23", "B20", "B11", "B12", "B26"]
VENUES = ["Community Centre", "Library", "Church Hall", "Park Pavilion", "Leisure Centre", "Neighbourhood Office",
          "Methodist Hall", "Youth Centre", "Mosque Community Room", "Allotments"]
STREETS = ["High Street", "Church Road", "Park Lane", "Station Road", "Mill Lane", "Vicarage Road", "Grove Avenue",
           "School Road", "Victoria Road", "Oak Tree Lane"]
ORGS = ["Friends of {place}", "{place} Community Trust", "{place} Neighbourhood Forum", "Age Well {place}",
        "{place} Wellbeing Network", "{place} Together CIC", "{place} Community Partnership"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
TIMES = [("09:30", "11:00"), ("10:00", "11:30"), ("10:00", "12:00"), ("13:00", "15:00"), ("14:00", "16:00"),
         ("18:00", "19:30"), ("19:00", "21:00"), ("11:00", "12:30")]
ACCESS = ["Wheelchair access throughout and an accessible toilet.", "Hearing loop in the main hall.",
          "Step-free entrance; blue badge parking outside.", "Upstairs room with no lift.",
          "Wheelchair access; hearing loop; accessible toilet."]
LABEL = {category.code: category.label for category in CATEGORIES}


def _id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def synthetic_service(number: int, rng: random.Random, seed: int = 1) -> dict:
    """One full nested ORUK service record, varied like a real directory."""
    code = rng.choice(list(ACTIVITIES))
    activity = rng.choice(ACTIVITIES[code])
    place = rng.choice(PLACES)
    district = rng.choice(DISTRICTS)
    org_number = rng.randrange(max(1, number // 8 + 1))
    organisation = rng.choice(ORGS).format(place=place)
    sid = _id(seed, "service", number)
    opens, closes = rng.choice(TIMES)
    monthly = rng.random() < 0.15
    day = rng.choice(DAYS)
    schedule = {"id": _id(seed, "schedule", number), "freq": "MONTHLY" if monthly else "WEEKLY",
                "interval": 1 if monthly or rng.random() < 0.85 else 2,
                "byday": f"{rng.choice([1, 2, 3, -1])}{day}" if monthly else day, "opens_at": opens,
                "closes_at": closes,
                "attending_type": rng.choice(["in person", "in person", "in person", "online", "phone"])}
    free = rng.random() < 0.6
    cost = {"id": _id(seed, "cost", number), "amount": 0 if free else rng.choice([1, 2, 2.5, 3, 4, 5]),
            "currency": "GBP", "amount_description": None if free else "per session"}
    venue = f"{place} {rng.choice(VENUES)}"
    location = {
        "id": _id(seed, "location", number % 5000), "location_type": "physical", "name": venue,
        "latitude": round(52.40 + rng.random() * 0.15, 5), "longitude": round(-2.02 + rng.random() * 0.2, 5),
        "addresses": [{"id": _id(seed, "address", number % 5000), "address_1": f"{rng.randrange(1, 300)} "
                       f"{rng.choice(STREETS)}", "address_2": place, "city": "Birmingham",
                       "state_province": "West Midlands", "postal_code": f"{district} {rng.randrange(1, 10)}"
                       f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                       "country": "GB", "address_type": "physical"}],
        "accessibility": [{"id": _id(seed, "access", number % 5000), "description": rng.choice(ACCESS)}],
    }
    term_name = LABEL[code] if rng.random() < 0.5 else activity
    return {
        "id": sid, "name": f"{place} {activity}",
        "description": f"{activity} at {venue}, run by {organisation}. Everyone is welcome; "
                       f"come along, meet people and {rng.choice(['get moving', 'learn something new', 'have a chat', 'find support'])}.",
        "status": "active", "email": f"hello{number}@example.org", "url": f"https://example.org/s/{number}",
        "minimum_age": rng.choice([None, None, 16, 18, 50, 65]),
        "organization": {"id": _id(seed, "organisation", org_number, organisation), "name": organisation,
                         "description": f"{organisation} is a fictional community organisation."},
        "phones": [{"id": _id(seed, "phone", number), "number": f"0121 496 {rng.randrange(0, 1000):04d}"}],
        "schedules": [schedule],
        "cost_options": [cost],
        "service_at_locations": [{"id": _id(seed, "sal", number), "location": location}],
        "attributes": [{"id": _id(seed, "attribute", number), "taxonomy_term": {
            "id": _id("term", term_name), "name": term_name, "description": term_name}}],
    }


def synthetic_services(count: int, seed: int = 1) -> Iterator[dict]:
    rng = random.Random(seed)
    for number in range(count):
        yield synthetic_service(number, rng, seed)
