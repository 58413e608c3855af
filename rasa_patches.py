"""The one place where this project changes Rasa's own code, and why.

Rasa 3.6.21 validates every action server response with `jsonschema.validate(result, schema)`
(`RemoteAction._validate_action_result`). That function first checks the *schema* against its meta-schema, on
every call; the response schema names no `$schema`, so jsonschema 4.17.3 (the newest that Rasa's range
`>=3.2,<4.18` allows) checks it against Draft 2020-12, whose dynamic references make that about 20 ms a call,
several times per turn, about 70% of a custom-action turn. The schema is a constant, so it is checked once here
and a validator built once validates each response (about 0.3 ms), with the same errors Rasa raises.
Downgrading jsonschema to 3.2 (Draft 7) would still cost about 2 ms a call. Remove this once Rasa builds its
validator once.

Rasa also finds the class of every stored event it reads back (`Event.resolve_by_type`) by walking all the
subclasses of `Event`, with an `inspect.isabstract` call for each, anew for every event: about 0.15 ms an event,
so 9 ms to read back a conversation of 60 events, on every message. Here each type name is resolved that way
once and remembered; names it cannot resolve are not remembered, so an event class defined later is still found.
"""
from __future__ import annotations

import functools
from typing import Any, Dict, Optional, Type

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

RASA_RESOLVE_BY_TYPE = Event.resolve_by_type


@functools.lru_cache(maxsize=1)
def action_response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """Rasa's check of an action server response, with a validator built once."""
    try:
        action_response_validator().validate(result)
    except ValidationError as error:
        error.message += (". Failed to validate Action server response from API, make sure your response from "
                          f"the Action endpoint is valid. For more information about the format visit "
                          f"{DOCS_BASE_URL}/custom-actions")
        raise
    return True


@functools.lru_cache(maxsize=None)
def resolved_event_type(type_name: str) -> Optional[Type[Event]]:
    return RASA_RESOLVE_BY_TYPE(type_name)


def resolve_event_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """Rasa's `Event.resolve_by_type`, remembering what it resolved (its errors and defaults are Rasa's)."""
    try:
        return resolved_event_type(type_name) or RASA_RESOLVE_BY_TYPE(type_name, default)
    except ValueError:
        return RASA_RESOLVE_BY_TYPE(type_name, default)


def apply() -> None:
    """Idempotent: importing the module twice or calling this twice changes nothing."""
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_event_type)
