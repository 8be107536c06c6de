"""The social prescribing categories, and how imported terms and free text map onto them.

Imported taxonomy terms keep their own names; a term's category comes from the editable
mapping table when it has a row there, otherwise from the keyword rules below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    keywords: tuple[str, ...]


# The order is the order shown to users; the position is also the bit in the search index.
CATEGORIES: tuple[Category, ...] = (
    Category("physical-activity", "Physical activity",
             ("physical activity", "exercise", "walk", "sport", "fitness", "yoga", "swim", "dance", "cycling",
              "tai chi", "keep fit", "football", "running", "pilates")),
    Category("arts", "Arts and creativity", ("art", "craft", "creative", "music", "sing", "choir", "drama",
                                              "theatre", "painting", "writing", "knit", "sewing", "photograph")),
    Category("social", "Social groups and befriending", ("befriend", "social", "lonel", "isolation", "friendship",
                                                         "coffee morning", "lunch club", "men's shed", "companion")),
    Category("nature", "Gardening and nature", ("garden", "allotment", "nature", "green", "outdoor", "park",
                                                "conservation", "wildlife")),
    Category("food", "Food and cooking", ("food", "cook", "meal", "nutrition", "eating", "community kitchen",
                                          "food bank", "pantry")),
    Category("volunteering", "Volunteering", ("volunteer",)),
    Category("money", "Money and debt", ("money", "debt", "benefit", "financ", "budget", "welfare", "grant")),
    Category("housing", "Housing", ("housing", "homeless", "tenan", "home repair", "accommodation", "landlord")),
    Category("employment", "Employment and learning", ("employ", "job", "work", "career", "learning", "education",
                                                       "training", "course", "skills", "english", "esol", "college")),
    Category("mental-wellbeing", "Mental wellbeing support", ("mental", "wellbeing", "counsel", "anxiety",
                                                              "depression", "talking therap", "mindful", "stress")),
    Category("carers", "Carers", ("carer", "caring for")),
    Category("bereavement", "Bereavement", ("bereave", "grief", "loss")),
    Category("family", "Family activities", ("family", "parent", "child", "toddler", "baby", "young people", "youth")),
    Category("digital", "Digital skills", ("digital", "computer", "internet", "online skills", "tablet",
                                           "smartphone", "it skills")),
    Category("faith", "Faith and cultural groups", ("faith", "church", "mosque", "temple", "gurdwara", "synagogue",
                                                    "cultural", "community centre", "heritage")),
    Category("health", "Health and long-term conditions", ("health", "diabetes", "heart", "pain", "dementia",
                                                           "stroke", "weight", "smoking", "alcohol", "condition")),
    Category("advice", "Advice and advocacy", ("advice", "advocacy", "legal", "citizens", "information")),
)

BY_CODE = {category.code: category for category in CATEGORIES}
BY_LABEL = {category.label.lower(): category for category in CATEGORIES}


def category_bit(code: str) -> int:
    return 1 << [category.code for category in CATEGORIES].index(code)


def find_category(text: str) -> Category:
    """A category from its code or label, as typed at the command line. Raises ValueError."""
    key = text.strip().lower()
    found = BY_CODE.get(key) or BY_LABEL.get(key)
    if found is None:
        matches = [category for category in CATEGORIES if category.label.lower().startswith(key)]
        if len(matches) == 1:
            found = matches[0]
    if found is None:
        raise ValueError(f"{text!r} is not a category; try one of: " + ", ".join(c.code for c in CATEGORIES))
    return found


def normalise_term(name: str) -> str:
    return re.sub(r"\s+", " ", (name or "").strip().lower())[:200]


def guess_category(term_name: str) -> str:
    """The category code a term most likely means by its words, or "" when none fits."""
    text = normalise_term(term_name)
    if not text:
        return ""
    exact = BY_LABEL.get(text) or BY_CODE.get(text)
    if exact:
        return exact.code
    for category in CATEGORIES:
        if any(re.search(r"\b" + re.escape(keyword), text) for keyword in category.keywords):
            return category.code
    return ""


# Accessibility features people filter on, found in free text.
ACCESS_FEATURES: dict[str, tuple[str, ...]] = {
    "wheelchair": ("wheelchair", "step-free", "step free", "level access", "ramp", "lift"),
    "hearing loop": ("hearing loop", "induction loop", "loop system"),
    "accessible toilet": ("accessible toilet", "disabled toilet", "accessible wc", "changing places"),
    "parking": ("disabled parking", "blue badge", "accessible parking", "parking"),
    "bsl": ("bsl", "sign language"),
    "large print": ("large print", "easy read"),
}
ACCESS_NAMES = tuple(ACCESS_FEATURES)

ATTENDING_TYPES = ("in person", "online", "phone")
_ATTEND_WORDS = {
    "in person": ("in person", "in-person", "face to face", "face-to-face", "drop in", "drop-in", "venue"),
    "online": ("online", "video", "zoom", "teams", "remote", "virtual", "internet"),
    "phone": ("phone", "telephone", "call"),
}


def access_mask(texts) -> int:
    joined = " ".join(text.lower() for text in texts if text)
    return sum(1 << index for index, name in enumerate(ACCESS_NAMES)
               if any(word in joined for word in ACCESS_FEATURES[name]))


def access_bit(name: str) -> int:
    key = name.strip().lower()
    for index, feature in enumerate(ACCESS_NAMES):
        if feature.startswith(key) or key in ACCESS_FEATURES[feature]:
            return 1 << index
    raise ValueError(f"{name!r} is not an accessibility feature; try one of: " + ", ".join(ACCESS_NAMES))


def attend_mask(texts, has_physical_location: bool) -> int:
    """In person / online / phone, from attending-type text; a venue with no words means in person."""
    joined = " ".join(text.lower() for text in texts if text)
    mask = sum(1 << index for index, kind in enumerate(ATTENDING_TYPES)
               if any(word in joined for word in _ATTEND_WORDS[kind]))
    if not mask and has_physical_location:
        mask = 1
    return mask


def attend_bit(kind: str) -> int:
    key = kind.strip().lower().replace("-", " ")
    for index, name in enumerate(ATTENDING_TYPES):
        if name.startswith(key) or key in _ATTEND_WORDS[name]:
            return 1 << index
    raise ValueError(f"{kind!r} is not a way of attending; try in person, online or phone")
