"""Adding, editing, verifying, archiving and finding services in a real encrypted store."""

from datetime import date

import pytest

from linkdesk.directory.detail import draft_for, get_service_detail
from linkdesk.directory.errors import InvalidService, ServiceNotFound
from linkdesk.directory.search import SearchError, SearchFilters, search_services
from linkdesk.directory.services import (
    ServiceDraft, SessionDraft, add_service, edit_service, map_term, set_archived, set_local_notes,
    toggle_favourite, verify_service,
)
from linkdesk.store.audit import read_events


def walking_group(**changes) -> ServiceDraft:
    draft = ServiceDraft(
        name="Cotteridge Walking Group", organisation="Friends of Cotteridge Park",
        description="<p>A gentle walk round the park</p>", categories=["physical-activity"], phone="0121 496 0123",
        location_name="Cotteridge Church Hall", address_1="24 Pershore Road", city="Birmingham", postcode="b303ej",
        sessions=[SessionDraft(byday="TU", opens_at="10am", closes_at="11:30")], cost_amount=0,
        accessibility="Wheelchair access and a hearing loop")
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft


def test_an_added_service_is_found_as_you_type_and_reads_well(store):
    service_id = add_service(store, walking_group())
    add_service(store, walking_group(name="Stirchley Art Club", categories=["arts"], postcode="B30 2JX",
                                     sessions=[SessionDraft(byday="WE", opens_at="18:00", closes_at="20:00")],
                                     cost_amount=3, cost_description="per session", accessibility=""))
    for typed in ("w", "wa", "walk", "cotteridge walk", "b30 3ej", "physical"):
        assert service_id in [result.id for result in search_services(store, typed)], typed
    [result] = search_services(store, "walking")
    assert (result.next_session, result.cost, result.postcode) == ("Every Tuesday, 10:00 to 11:30", "Free", "B30 3EJ")
    detail = get_service_detail(store, service_id)
    assert detail.when == ("Every Tuesday, 10:00 to 11:30, at Cotteridge Church Hall, 24 Pershore Road, Birmingham",)
    assert detail.categories == ("Physical activity",) and detail.accessibility == ("Wheelchair access and a hearing loop",)
    assert detail.phones == ("0121 496 0123",) and detail.cost == "Free"


def test_filters_narrow_the_results(store):
    walk = add_service(store, walking_group())
    art = add_service(store, walking_group(name="Stirchley Art Club", categories=["arts"], postcode="B14 7AA",
                                           sessions=[SessionDraft(byday="WE", opens_at="18:00", closes_at="20:00")],
                                           cost_amount=3, accessibility="", minimum_age=18))

    def found(**filters):
        return {result.id for result in search_services(store, "", SearchFilters(**filters))}

    assert found(category="Physical activity") == {walk}
    assert found(weekday=1) == {walk} and found(weekday=2, period=2) == {art} and found(weekday=2, period=0) == set()
    assert found(free_only=True) == {walk}
    assert found(place="B30") == {walk} and found(place="B") == {walk, art}
    assert found(access=("wheelchair", "hearing loop")) == {walk}
    assert found(age=12) == {walk} and found(age=30) == {walk, art}
    assert found(attending="in person") == {walk, art} and found(attending="online") == set()
    with pytest.raises(SearchError, match="not a category"):
        found(category="knitting circles of doom")


def test_sorting_by_name_and_last_verified(store):
    first = add_service(store, walking_group(name="Zumba Gold"))
    second = add_service(store, walking_group(name="Art Club"))
    verify_service(store, first, on=date(2025, 1, 1))
    verify_service(store, second, on=date(2020, 1, 1))
    assert [r.name for r in search_services(store, "", sort="name")] == ["Art Club", "Zumba Gold"]
    assert [r.name for r in search_services(store, "", sort="last verified")] == ["Zumba Gold", "Art Club"]


def test_verify_archive_favourite_and_notes_are_audited(store):
    service_id = add_service(store, walking_group())
    verify_service(store, service_id, on=date(2024, 1, 10))
    [result] = search_services(store, "walk", today=date(2025, 2, 1))
    assert result.possibly_out_of_date
    assert not search_services(store, "walk", today=date(2024, 6, 1))[0].possibly_out_of_date
    assert not search_services(store, "walk", stale_months=24, today=date(2025, 2, 1))[0].possibly_out_of_date
    set_archived(store, service_id, True)
    assert search_services(store, "walk") == []
    assert [r.id for r in search_services(store, "walk", SearchFilters(include_archived=True))] == [service_id]
    set_archived(store, service_id, False)
    assert toggle_favourite(store, service_id) is True
    assert search_services(store, "", SearchFilters(favourites_only=True))[0].favourite
    set_local_notes(store, service_id, "Ask for Jo")
    assert get_service_detail(store, service_id).local_notes == "Ask for Jo"
    details = [e.detail for e in read_events(store) if e.entity == "service" and e.entity_id == service_id]
    assert {"added by hand", "verified", "archived", "unarchived", "favourite", "local notes"} <= set(details)


def test_editing_saves_the_form_and_the_index_follows(store):
    service_id = add_service(store, walking_group())
    draft = draft_for(store, service_id)
    assert draft.postcode == "B30 3EJ" and draft.sessions[0].opens_at == "10:00"
    draft.name = "Cotteridge Nordic Walking"
    draft.sessions = [SessionDraft(byday="1MO", freq="MONTHLY", opens_at="14:00", closes_at="16:00")]
    edit_service(store, service_id, draft)
    assert search_services(store, "walking group") == []
    [result] = search_services(store, "nordic")
    assert result.next_session == "First Monday of the month, 14:00 to 16:00"


@pytest.mark.parametrize("changes, field", [
    (dict(name="  "), "name"), (dict(organisation=""), "organisation"), (dict(email="not an email"), "email"),
    (dict(sessions=[SessionDraft(byday="TU", opens_at="11:00", closes_at="10:00")]), "sessions"),
    (dict(sessions=[SessionDraft(byday="TU", opens_at="half past")]), "sessions"),
    (dict(minimum_age=60, maximum_age=18), "maximum_age"), (dict(cost_amount=-1), "cost"),
])
def test_a_bad_form_is_refused_with_a_plain_message_and_nothing_saved(store, changes, field):
    with pytest.raises(InvalidService) as raised:
        add_service(store, walking_group(**changes))
    assert raised.value.field == field and str(raised.value)
    assert search_services(store, "") == []


def test_a_missing_service_is_reported(store):
    with pytest.raises(ServiceNotFound):
        verify_service(store, "no-such-id")


def test_mapping_a_term_moves_its_services_to_a_category(store):
    from linkdesk.directory.oruk_import import import_records

    record = {"id": "c0ffee00-0000-4000-8000-000000000001", "name": "Sunday Knit and Natter", "status": "active",
              "attributes": [{"id": "c0ffee00-0000-4000-8000-000000000002", "taxonomy_term": {
                  "id": "c0ffee00-0000-4000-8000-000000000003", "name": "Yarn bombing", "description": ""}}]}
    import_records(store, [record], "test")
    assert search_services(store, "knit")[0].categories == ()
    assert map_term(store, "Yarn bombing", "arts") == 1
    assert search_services(store, "", SearchFilters(category="arts"))[0].name == "Sunday Knit and Natter"
    assert get_service_detail(store, record["id"]).terms == ("Yarn bombing",)
