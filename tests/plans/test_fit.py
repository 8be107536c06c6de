"""Ranking directory services by fit for a patient, with reasons a person can read (no database)."""

from linkdesk.plans.fit import PatientNeeds, ServiceFacts, describe_slots, preference_mask, rank, score_service

TUESDAY_MORNING = 1 << (1 * 3 + 0)
THURSDAY_EVENING = 1 << (3 * 3 + 2)


def _service(service_id, **facts):
    facts.setdefault("name", service_id)
    return ServiceFacts(service_id, **facts)


def test_a_service_meeting_the_need_nearby_and_free_explains_why():
    patient = PatientNeeds(needs=frozenset({"loneliness"}), district="B30", area="B")
    fit = score_service(patient, _service("walk", categories=frozenset({"social"}), free=True, district="B30",
                                          area="B"))
    assert fit.reasons == ("For loneliness or isolation", "Free", "Same area: B30")
    assert fit.cautions == ()
    assert fit.meets_need


def test_needs_beat_distance_and_unrelated_services_are_left_out():
    patient = PatientNeeds(needs=frozenset({"physical_activity"}), district="B30", area="B")
    services = [
        _service("far walk", categories=frozenset({"physical-activity"}), district="B14", area="B"),
        _service("near choir", categories=frozenset({"arts"}), district="B30", area="B", free=True),
        _service("near garden", categories=frozenset({"nature"}), district="B30", area="B"),
    ]
    ranked = rank(patient, services)
    assert [fit.service_id for fit in ranked] == ["far walk", "near garden"]
    assert "Nearby: B14" in ranked[0].reasons
    assert ranked[1].reasons[0] == "Can help with physical activity"


def test_free_comes_first_when_money_is_a_worry_and_a_cost_is_a_caution():
    patient = PatientNeeds(needs=frozenset({"loneliness"}), money_worry=True)
    paid = _service("paid", categories=frozenset({"social"}), cost="£3 a session")
    free = _service("free", categories=frozenset({"social"}), free=True)
    ranked = rank(patient, [paid, free])
    assert [fit.service_id for fit in ranked] == ["free", "paid"]
    assert ranked[1].cautions == ("Has a cost (£3 a session)",)
    assert "But: has a cost" in ranked[1].explanation


def test_preferred_days_and_times_are_named_and_a_clash_is_a_caution():
    patient = PatientNeeds(slot_mask=preference_mask([1], [0]))
    assert patient.slot_mask == TUESDAY_MORNING
    fits = score_service(patient, _service("a", slot_mask=TUESDAY_MORNING | THURSDAY_EVENING))
    assert "Tuesday mornings" in fits.reasons
    clash = score_service(patient, _service("b", slot_mask=THURSDAY_EVENING))
    assert clash.cautions == ("Not at their preferred times",)
    assert fits.score > clash.score
    assert preference_mask([], []) == 0  # no preference at all
    assert describe_slots(TUESDAY_MORNING | THURSDAY_EVENING | 1, most=2) == \
        "Monday mornings, Tuesday mornings and more"


def test_language_and_accessibility_needs_count():
    patient = PatientNeeds(language="Punjabi", access=frozenset({"wheelchair", "hearing loop"}))
    good = score_service(patient, _service("a", languages=frozenset({"punjabi"}),
                                           access=frozenset({"wheelchair", "hearing loop"})))
    poor = score_service(patient, _service("b", access=frozenset({"wheelchair"})))
    assert {"In Punjabi", "Step-free access", "Hearing loop"} <= set(good.reasons)
    assert poor.cautions == ("No hearing loop recorded",)
    assert good.score > poor.score


def test_english_is_no_preference_and_online_services_suit_anyone():
    patient = PatientNeeds(language="English", district="B30", area="B")
    online = score_service(patient, _service("a", remote=True))
    assert online.reasons == ("Online or by phone",)
    far = score_service(patient, _service("b", district="CV1", area="CV"))
    assert far.cautions == ("Further away: CV1",)


def test_ties_are_broken_by_name_so_the_order_is_stable():
    patient = PatientNeeds()
    ranked = rank(patient, [_service("2", name="Zumba"), _service("1", name="art club")])
    assert [fit.name for fit in ranked] == ["art club", "Zumba"]
