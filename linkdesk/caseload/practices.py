"""GP practices and link worker profiles: the people and places a caseload refers to."""

from __future__ import annotations

import re

from sqlalchemy import select, update

from linkdesk.store import audit

from . import contact_details
from .errors import NotFound, ValidationError
from .models import LinkWorker, Practice

# GP practice ODS codes are a letter and five digits (M85001); other organisations differ.
_ODS_CODE = re.compile(r"^[A-Z0-9]{3,8}$")


def _practice_values(name: str, ods_code: str, pcn: str) -> dict[str, str]:
    values = {"name": " ".join((name or "").split()), "ods_code": (ods_code or "").strip().upper(),
              "pcn": " ".join((pcn or "").split())}
    problems = {}
    if not values["name"]:
        problems["name"] = "Enter the practice name."
    if not _ODS_CODE.match(values["ods_code"]):
        problems["ods_code"] = "Enter the practice's ODS code: 3 to 8 letters and digits, like M85001."
    if problems:
        raise ValidationError(problems, "practice")
    return values


def _check_code_free(session, ods_code: str, practice_id: int | None = None) -> None:
    existing = session.scalar(select(Practice).where(Practice.ods_code == ods_code))
    if existing is not None and existing.id != practice_id:
        raise ValidationError({"ods_code": f"{existing.name} already has the ODS code {ods_code}."}, "practice")


def add_practice(store, name: str, ods_code: str, pcn: str = "") -> Practice:
    values = _practice_values(name, ods_code, pcn)
    with store.session() as session:
        _check_code_free(session, values["ods_code"])
        practice = Practice(**values)
        session.add(practice)
        session.flush()
        audit.record(session, "create", "practice", practice.id, "fields: name, ods_code, pcn")
    return practice


def update_practice(store, practice_id: int, name: str, ods_code: str, pcn: str = "") -> Practice:
    values = _practice_values(name, ods_code, pcn)
    with store.session() as session:
        practice = session.get(Practice, practice_id)
        if practice is None:
            raise NotFound("practice", practice_id)
        _check_code_free(session, values["ods_code"], practice_id)
        changed = [key for key, value in values.items() if getattr(practice, key) != value]
        for key, value in values.items():
            setattr(practice, key, value)
        if changed:
            audit.record(session, "update", "practice", practice_id, "fields: " + ", ".join(changed))
    return practice


def list_practices(store) -> list[Practice]:
    with store.session() as session:
        return list(session.scalars(select(Practice).order_by(Practice.name)))


def practice_by_ods_code(session, ods_code: str) -> Practice | None:
    return session.scalar(select(Practice).where(Practice.ods_code == (ods_code or "").strip().upper()))


# -- link workers -----------------------------------------------------------------------

_WORKER_FIELDS = ("name", "role", "phone", "email", "organisation")


def _worker_values(name, role, phone, email, organisation) -> dict[str, str]:
    values = {"name": " ".join((name or "").split()), "role": " ".join((role or "").split()),
              "organisation": " ".join((organisation or "").split()), "phone": "", "email": ""}
    problems = {}
    if not values["name"]:
        problems["name"] = "Enter the link worker's name."
    for key, typed, check in (("phone", phone, contact_details.normalise_phone),
                              ("email", email, contact_details.normalise_email)):
        if (typed or "").strip():
            try:
                values[key] = check(typed)
            except contact_details.InvalidContactDetail as error:
                problems[key] = str(error)
    if problems:
        raise ValidationError(problems, "link worker profile")
    return values


def add_link_worker(store, name: str, role: str = "Social prescribing link worker", phone: str = "",
                    email: str = "", organisation: str = "", own_profile: bool = False) -> LinkWorker:
    values = _worker_values(name, role, phone, email, organisation)
    with store.session() as session:
        if own_profile:
            session.execute(update(LinkWorker).values(own_profile=False))
        worker = LinkWorker(**values, own_profile=own_profile)
        session.add(worker)
        session.flush()
        audit.record(session, "create", "link worker", worker.id, "fields: " + ", ".join(_WORKER_FIELDS))
    return worker


def update_link_worker(store, worker_id: int, name: str, role: str = "", phone: str = "", email: str = "",
                       organisation: str = "") -> LinkWorker:
    values = _worker_values(name, role, phone, email, organisation)
    with store.session() as session:
        worker = session.get(LinkWorker, worker_id)
        if worker is None:
            raise NotFound("link worker", worker_id)
        changed = [key for key, value in values.items() if getattr(worker, key) != value]
        for key, value in values.items():
            setattr(worker, key, value)
        if changed:
            audit.record(session, "update", "link worker", worker_id, "fields: " + ", ".join(changed))
    return worker


def set_own_profile(store, worker_id: int) -> None:
    """Mark whose name, role and contact details go on plans printed from this laptop."""
    with store.session() as session:
        if session.get(LinkWorker, worker_id) is None:
            raise NotFound("link worker", worker_id)
        session.execute(update(LinkWorker).values(own_profile=LinkWorker.id == worker_id))
        audit.record(session, "update", "link worker", worker_id, "fields: own_profile")


def own_profile(store) -> LinkWorker | None:
    with store.session() as session:
        return session.scalar(select(LinkWorker).where(LinkWorker.own_profile.is_(True)))


def list_link_workers(store) -> list[LinkWorker]:
    with store.session() as session:
        return list(session.scalars(select(LinkWorker).order_by(LinkWorker.name)))
