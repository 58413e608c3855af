"""The action-response check built once accepts and rejects exactly what Rasa's own check does."""
from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import rasa_patches

GOOD = {"events": [{"event": "slot", "name": "vacancy", "value": "250775"}], "responses": [{"text": "hi"}]}
BAD = [{"events": [{"event": "no_such_event"}]}, {"responses": "text"}, {"events": [{"event": "slot"}]}, []]
SHIPPED = RemoteAction._validate_action_result


@pytest.mark.parametrize("response", BAD)
def test_a_malformed_response_is_rejected_as_rasa_rejects_it(response):
    action = RemoteAction("action_answer_question", None)
    with pytest.raises(ValidationError) as shipped:
        SHIPPED(action, response)
    with pytest.raises(ValidationError, match="Failed to validate Action server response") as patched:
        rasa_patches.validate_action_result(action, response)
    assert patched.value.validator == shipped.value.validator


def test_a_well_formed_response_is_accepted_and_the_project_store_installs_the_patch():
    action = RemoteAction("action_answer_question", None)
    assert SHIPPED(action, GOOD) and rasa_patches.validate_action_result(action, GOOD)
    import stores.private_tracker_store  # noqa: F401 - the module every Rasa server of the project loads

    assert RemoteAction._validate_action_result is rasa_patches.validate_action_result


def test_event_types_resolve_as_rasa_resolves_them():
    from rasa.shared.core.events import Event, UserUttered
    from rasa.shared.utils.common import all_subclasses

    rasa_patches.apply()
    for event_class in all_subclasses(Event):
        if event_class.type_name != "event":
            assert Event.resolve_by_type(event_class.type_name) is rasa_patches.RASA_RESOLVE_BY_TYPE(event_class.type_name)
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")

    class LateEvent(UserUttered):  # an event class defined after the first lookups is still found
        type_name = "late_event_of_the_test"

    assert Event.resolve_by_type("late_event_of_the_test") is LateEvent
