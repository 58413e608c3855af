"""The one place where this project changes Rasa's own code, and why.

Rasa 3.6.21 validates every action server response with `jsonschema.validate(result, schema)`
(`RemoteAction._validate_action_result`). That function first checks the *schema* against its meta-schema, on
every call; the response schema names no `$schema`, so jsonschema 4.17.3 (the newest that Rasa's range
`>=3.2,<4.18` allows) checks it against Draft 2020-12, whose dynamic references make that about 20 ms a call,
several times per turn, about 70% of a custom-action turn. The schema is a constant, so it is checked once here
and a validator built once validates each response (about 0.3 ms), with the same errors Rasa raises. Each event
of a response must match exactly one of 23 event schemas (`oneOf`), which the validator tries in turn; each of
those schemas fixes its own `event` name (`const`), so an event matches exactly one of them if and only if it
matches the one of its name. That one is tried first (2.0 to 0.6 ms for an answer of four events); only a
response that fails it is validated the whole way, for Rasa's own error.
Downgrading jsonschema to 3.2 (Draft 7) would still cost about 2 ms a call. Remove this once Rasa builds its
validator once.

Rasa also finds the class of every stored event it reads back (`Event.resolve_by_type`) by walking all the
subclasses of `Event`, with an `inspect.isabstract` call for each, anew for every event: about 0.15 ms an event,
so 9 ms to read back a conversation of 60 events, on every message. Here each type name is resolved that way
once and remembered; names it cannot resolve are not remembered, so an event class defined later is still found.

Rasa's RulePolicy finds the rules that apply to a conversation (`RulePolicy._get_possible_keys`) by decoding each
rule's JSON key anew and testing every rule against the latest state, two or three times a message: with this
project's 251 rule keys about a tenth of the Rasa server's CPU time per message (py-spy, README). Here each key is
decoded once, and the latest state is tested only against the rules whose last state asks for its previous action
(or for none): the others fail Rasa's own test on that action. Every candidate is still tested with Rasa's test.

Rasa runs its graphs (the NLU pipeline for each message, the policies for each prediction) with dask's local
scheduler, whose task bookkeeping and ordering cost about a tenth of the Rasa server's CPU time (py-spy). These
graphs are small and run in one thread, so here they run with dask's sequential scheduler, `dask.core.get`, on
the same task graph: a parse fell from 4.5 to 3.6 ms with the same results.

Rasa calls the action server through `EndpointConfig.request`, which opens a new aiohttp session, connector,
name lookup and TCP connection for every call and closes them after it. Here every session of one event loop
borrows that loop's one connection pool, so the connection to the action server is kept alive between calls:
0.83 to 0.53 ms of the Rasa server's CPU a call, and 0.61 to 0.41 ms of the action server's (400 calls). The
sessions and their settings (headers, basic auth, Rasa's timeout) are Rasa's. Idle connections are dropped after
KEEPALIVE_SECONDS, before the action server's Sanic drops them (5 s), so a call is never sent on a connection the
server is closing; a connection that a restarted action server left behind is closed, so the pool opens a new
one.
"""
from __future__ import annotations

import asyncio
import functools
import json
import weakref
from collections import defaultdict
from typing import Any, Dict, List, Optional, Set, Tuple, Type

import aiohttp
import dask.core
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET
from rasa.shared.core.domain import State
from rasa.shared.core.events import Event
from rasa.shared.nlu.constants import ACTION_NAME
from rasa.utils.endpoints import EndpointConfig

RASA_RESOLVE_BY_TYPE = Event.resolve_by_type
RASA_GET_POSSIBLE_KEYS = RulePolicy._get_possible_keys
RASA_RUN_GRAPH = DaskGraphRunner.run
KEEPALIVE_SECONDS = 2.0

CONNECTION_POOLS: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiohttp.TCPConnector]" = (
    weakref.WeakKeyDictionary())


@functools.lru_cache(maxsize=1)
def action_response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@functools.lru_cache(maxsize=1)
def validators_by_event_name() -> Tuple[Any, Dict[str, Any]]:
    """A validator of the response without the events' `oneOf`, and one per event name for its event schema."""
    schema = RemoteAction.action_response_format_spec()
    event_schema = schema["properties"]["events"]["items"]
    branches = event_schema["oneOf"]
    names = [branch["properties"]["event"]["const"] for branch in branches]
    assert len(set(names)) == len(names), "each event schema names its own event"
    without_one_of = {key: value for key, value in event_schema.items() if key != "oneOf"}
    response_schema = {**schema, "properties": {**schema["properties"],
                                                "events": {**schema["properties"]["events"], "items": without_one_of}}}
    validator_class = validator_for(schema)
    return (validator_class(response_schema),
            {name: validator_class({"allOf": [without_one_of, branch]}) for name, branch in zip(names, branches)})


def valid_by_event_name(result: Any) -> bool:
    """True only where Rasa's schema accepts the response (see the module's docstring)."""
    response_validator, by_name = validators_by_event_name()
    if not response_validator.is_valid(result):
        return False
    events = result.get("events", []) if isinstance(result, dict) else []
    return all(isinstance(event, dict) and isinstance(event.get("event"), str) and event["event"] in by_name
               and by_name[event["event"]].is_valid(event) for event in events)


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """Rasa's check of an action server response, with validators built once."""
    if valid_by_event_name(result):
        return True
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


@functools.lru_cache(maxsize=None)
def reversed_rule_states(rule_key: str) -> Tuple[State, ...]:
    """A rule's states, latest first, as `RulePolicy._is_rule_applicable` reads them."""
    return tuple(reversed(json.loads(rule_key)))


def required_previous_action(rule_key: str) -> Optional[str]:
    """The action a rule's last state must follow, where it names one that Rasa's test compares for equality."""
    states = reversed_rule_states(rule_key)
    action = states[0].get(PREVIOUS_ACTION, {}).get(ACTION_NAME) if states else None
    return action if isinstance(action, str) and action and action != SHOULD_NOT_BE_SET else None


@functools.lru_cache(maxsize=8)
def rules_by_previous_action(rule_keys: Tuple[str, ...]) -> Tuple[Dict[str, List[str]], List[str]]:
    """The rules grouped by the previous action their last state requires, and those that require none."""
    by_action: Dict[str, List[str]] = defaultdict(list)
    any_action: List[str] = []
    for key in rule_keys:
        action = required_previous_action(key)
        (by_action[action] if action else any_action).append(key)
    return dict(by_action), any_action


def rule_applies(rule_states: Tuple[State, ...], turn_index: int, conversation_state: State) -> bool:
    """Rasa's `RulePolicy._is_rule_applicable`, on states decoded once."""
    if turn_index >= len(rule_states):
        return True
    conversation_action = conversation_state.get(PREVIOUS_ACTION)
    rule_action = rule_states[turn_index].get(PREVIOUS_ACTION)
    if not rule_action or not conversation_action:
        return not rule_action and not conversation_action
    return RulePolicy._does_rule_match_state(rule_states[turn_index], conversation_state)


def possible_rule_keys(self: RulePolicy, lookup: Dict[str, str], states: List[State]) -> Set[str]:
    """Rasa's `RulePolicy._get_possible_keys`: the rules each of whose states holds at its turn."""
    if not states:
        return set(lookup)
    by_action, any_action = rules_by_previous_action(tuple(lookup))
    latest_action = states[-1].get(PREVIOUS_ACTION, {}).get(ACTION_NAME)
    keys = (by_action.get(latest_action, []) if isinstance(latest_action, str) else []) + any_action
    candidates = [(key, reversed_rule_states(key)) for key in keys]
    for turn_index, state in enumerate(reversed(states)):
        candidates = [(key, rule_states) for key, rule_states in candidates
                      if rule_applies(rule_states, turn_index, state)]
        if not candidates:
            break
    return {key for key, _ in candidates}


def run_graph(self: DaskGraphRunner, inputs: Optional[Dict[str, Any]] = None,
              targets: Optional[List[str]] = None) -> Dict[str, Any]:
    """Rasa's `DaskGraphRunner.run`, with dask's sequential scheduler."""
    run_targets = targets if targets else self._graph_schema.target_names
    graph = self._build_dask_graph(self._graph_schema.minimal_graph_schema(run_targets))
    if inputs:
        self._add_inputs_to_graph(inputs, graph)
    try:
        return dict(dask.core.get(graph, run_targets))
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error


def connection_pool(loop: asyncio.AbstractEventLoop) -> aiohttp.TCPConnector:
    """The event loop's one pool of kept-alive connections (a closed one is replaced)."""
    pool = CONNECTION_POOLS.get(loop)
    if pool is None or pool.closed:
        pool = CONNECTION_POOLS[loop] = aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS)
    return pool


async def close_connection_pool() -> None:
    """Close the running loop's pool: a tool that ends its loop itself (the follow-up tool) calls this first, or
    aiohttp reports the kept-alive connections as unclosed when the process exits."""
    pool = CONNECTION_POOLS.pop(asyncio.get_running_loop(), None)
    if pool is not None:
        await pool.close()


def endpoint_session(self: EndpointConfig) -> aiohttp.ClientSession:
    """Rasa's `EndpointConfig.session` (called only in coroutines), on the running loop's connection pool, which
    closing the session leaves open."""
    auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
    return aiohttp.ClientSession(headers=self.headers, auth=auth,
                                 timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                                 connector=connection_pool(asyncio.get_running_loop()),
                                 connector_owner=False)


def apply() -> None:
    """Idempotent: importing the module twice or calling this twice changes nothing."""
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_event_type)
    RulePolicy._get_possible_keys = possible_rule_keys
    DaskGraphRunner.run = run_graph
    EndpointConfig.session = endpoint_session
