"""Each change of rasa_patches gives what Rasa's own code gives: the action-response check, event types, the rule
search, the graph runner, and action-server calls on kept-alive connections."""
from __future__ import annotations

import asyncio

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



def event_variants():
    """For every event name of Rasa's schema, events it accepts and events it rejects."""
    names = [branch["properties"]["event"]["const"]
             for branch in RemoteAction.action_response_format_spec()["properties"]["events"]["items"]["oneOf"]]
    fields = [{}, {"timestamp": "noon"}, {"timestamp": 1.5, "metadata": {}}, {"name": "vacancy", "value": "250775"},
              {"name": 3}, {"text": "hi", "parse_data": {"intent": {"name": "greet", "confidence": 1}}},
              {"text": 5}, {"policy": None, "confidence": "high"}, {"name": "eligibility_form"}, {"data": []}]
    return [{"event": name, **extra} for name in names for extra in fields] + [{"event": "no_such_event"}, {"name": "x"}]


def test_every_event_variant_is_accepted_or_rejected_as_rasa_does():
    action = RemoteAction("action_answer_question", None)
    verdicts = []
    for event in event_variants():
        response = {"events": [GOOD["events"][0], event], "responses": [{"text": "a"}]}
        try:
            shipped = SHIPPED(action, response)
        except ValidationError:
            shipped = False
        try:
            patched = rasa_patches.validate_action_result(action, response)
        except ValidationError:
            patched = False
        assert patched == shipped, response
        verdicts.append(shipped)
    assert 10 < sum(verdicts) < len(verdicts) - 10  # both kinds are tried

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


@pytest.fixture(scope="module")
def agent():
    """The trained model, loaded in this process."""
    from rasa.core.agent import Agent

    from tests.servers import MODEL

    return Agent.load(str(MODEL))


@pytest.fixture(scope="module")
def rule_policy_and_states(agent):
    """The trained model's RulePolicy, and every state sequence of the test stories it predicts from."""
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.core.training import load_data

    policy = next(node._component for node in agent.processor.graph_runner._instantiated_nodes.values()
                  if isinstance(getattr(node, "_component", None), RulePolicy))
    trackers = load_data("tests/stories", agent.domain, augmentation_factor=0)
    rule_only_data = policy._get_rule_only_data()
    states = [policy._prediction_states(prior, agent.domain, rule_only_data=rule_only_data)
              for tracker in trackers for prior, _ in tracker.generate_all_prior_trackers()]
    return policy, states


@pytest.mark.needs_model
def test_the_rules_found_for_each_state_of_the_test_stories_are_rasas(rule_policy_and_states):
    from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH

    policy, states_of_the_stories = rule_policy_and_states
    assert len(states_of_the_stories) > 400 and len(policy.lookup[RULES]) > 200
    found_some = 0
    for lookup in (policy.lookup[RULES], policy.lookup[RULES_FOR_LOOP_UNHAPPY_PATH]):
        for states in states_of_the_stories + [[]]:
            expected = rasa_patches.RASA_GET_POSSIBLE_KEYS(policy, lookup, states)
            assert rasa_patches.possible_rule_keys(policy, lookup, states) == expected
            found_some += bool(expected)
    assert found_some > 300  # most states have a rule, so the comparison is not of empty sets


def test_rules_that_ask_for_no_previous_action_are_found_as_rasa_finds_them():
    import json

    from rasa.core.policies.rule_policy import RulePolicy

    listen = {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}
    start = {"user": {"intent": "greet"}}  # a conversation start: no previous action
    text_only = {"prev_action": {"action_text": "hi"}, "user": {"intent": "greet"}}
    not_set = {"prev_action": {"action_name": "should_not_be_set"}, "user": {"intent": "greet"}}
    rules = [[start], [listen], [text_only], [not_set], [start, listen], [{"user": {"intent": "bye"}}], []]
    lookup = {json.dumps(rule): f"utter_{index}" for index, rule in enumerate(rules)}
    policy = RulePolicy.__new__(RulePolicy)
    conversations = [[start], [listen], [text_only], [not_set], [start, listen], [listen, listen], [], [{}]]
    found = [rasa_patches.possible_rule_keys(policy, lookup, states) for states in conversations]
    assert found == [rasa_patches.RASA_GET_POSSIBLE_KEYS(policy, lookup, states) for states in conversations]
    assert json.dumps([start]) in found[0]


@pytest.mark.needs_model
def test_the_graphs_run_in_sequence_give_what_rasas_runner_gives(agent, monkeypatch):
    import copy

    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.core.channels.channel import UserMessage

    messages = ["what is the stipend?", "is telework possible for the KM one", "bonjour, c'est payé combien ?",
                "write my motivation letter", "I'm 22 and Polish", "", "asdf qwerty"]

    def parsed_with(run) -> list:
        monkeypatch.setattr(DaskGraphRunner, "run", run)
        return [asyncio.run(agent.parse_message(message)) for message in messages]

    assert parsed_with(rasa_patches.run_graph) == parsed_with(rasa_patches.RASA_RUN_GRAPH)

    runner = agent.processor.graph_runner
    broken = copy.copy(runner)
    broken._instantiated_nodes = dict(runner._instantiated_nodes)
    failing = next(name for name in broken._instantiated_nodes if "classifier" in name.lower())

    def fails(*_inputs):
        raise RuntimeError("a node failed")

    broken._instantiated_nodes[failing] = fails
    inputs = {"__message__": [UserMessage("what is the stipend?")]}
    for run in (rasa_patches.RASA_RUN_GRAPH, rasa_patches.run_graph):
        with pytest.raises(GraphRunError):
            run(broken, inputs, [agent.processor.model_metadata.nlu_target])


# --- Calls to the action server on kept-alive connections --------------------------------------------------------

async def start_echo_server(port: int = 0):
    """A local HTTP server that answers each POST with the client port it came from (one per TCP connection)."""
    from aiohttp import web

    async def echo(request: web.Request) -> web.Response:
        return web.json_response({"client_port": request.transport.get_extra_info("peername")[1],
                                  "headers": dict(request.headers), "body": await request.json()})

    app = web.Application()
    app.router.add_post("/webhook", echo)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]


def test_calls_reuse_one_connection_with_rasas_settings_and_survive_a_server_restart():
    from rasa.utils.endpoints import EndpointConfig

    rasa_patches.apply()

    async def scenario():
        runner, port = await start_echo_server()
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={"X-Test": "kept"},
                                  basic_auth={"username": "u", "password": "p"})
        first = await endpoint.request(json={"n": 1})
        second = await endpoint.request(json={"n": 2})
        await runner.cleanup()  # the server stops, as a killed action server would, and starts again
        runner, _ = await start_echo_server(port)
        third = await endpoint.request(json={"n": 3})
        await asyncio.sleep(rasa_patches.KEEPALIVE_SECONDS + 0.5)  # idle longer than the pool keeps a connection
        fourth = await endpoint.request(json={"n": 4})
        session = endpoint.session()
        pool = session.connector
        await session.close()
        pool_left_open = not pool.closed and pool in rasa_patches.CONNECTION_POOLS.values()
        await rasa_patches.close_connection_pool()
        pool_closed = pool.closed and pool not in rasa_patches.CONNECTION_POOLS.values()
        await runner.cleanup()
        return first, second, third, fourth, session, pool_left_open, pool_closed

    first, second, third, fourth, session, pool_left_open, pool_closed = asyncio.run(scenario())
    assert first["client_port"] == second["client_port"]  # the connection was kept alive
    assert third["client_port"] != second["client_port"] and fourth["client_port"] != third["client_port"]
    assert [reply["body"] for reply in (first, second, third, fourth)] == [{"n": 1}, {"n": 2}, {"n": 3}, {"n": 4}]
    assert first["headers"]["X-Test"] == "kept" and first["headers"]["Authorization"].startswith("Basic ")
    assert session.timeout.total == rasa_patches.DEFAULT_REQUEST_TIMEOUT
    assert pool_left_open  # closing a session leaves the loop's pool open for the next call
    assert pool_closed  # until the tool that owns the loop closes it

