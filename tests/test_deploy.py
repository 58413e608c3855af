"""The deployment documents (deploy/) name the same stores, services and variables as endpoints.production.yml.

Docker and Kubernetes cannot run on the development machine, so what is tested here is what can be: that the
files parse, that the stores they configure are those of endpoints.production.yml, and that every variable the
production endpoints read is set for the Rasa servers.
"""
from __future__ import annotations

import re
from typing import Dict, Set

import pytest
import yaml

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
VARIABLE = re.compile(r"\$\{(\w+)\}")


def load(path) -> Dict:
    return yaml.safe_load(path.read_text())


def production_variables() -> Set[str]:
    return set(VARIABLE.findall((ROOT / "endpoints.production.yml").read_text()))


def test_compose_runs_replicas_of_both_servers_on_the_production_endpoints_with_every_variable_set():
    compose = load(DEPLOY / "docker-compose.yml")
    services = compose["services"]
    assert {"postgres", "redis", "importer", "actions", "rasa", "load-balancer", "retention"} <= set(services)
    assert services["rasa"]["deploy"]["replicas"] >= 2 and services["actions"]["deploy"]["replicas"] >= 2
    rasa = services["rasa"]
    assert rasa["command"][rasa["command"].index("--endpoints") + 1] == "endpoints.production.yml"
    environment = rasa["environment"]
    assert production_variables() <= set(environment)
    assert {environment["TRACKER_DB_HOST"], environment["REDIS_HOST"]} == {"postgres", "redis"}  # its own services
    assert environment["ACTION_SERVER_URL"] == "http://actions:5055/webhook"
    assert environment["VACANCY_DATABASE_URL"].startswith("postgresql+psycopg2://") and "@postgres:" in environment["VACANCY_DATABASE_URL"]
    assert services["importer"]["environment"] == environment  # one configuration for every service
    assert "upstream" in (DEPLOY / "nginx.conf").read_text() and "server rasa:5005;" in (DEPLOY / "nginx.conf").read_text()
    assert "stores.retention purge --endpoints endpoints.production.yml" in " ".join(services["retention"]["command"])


def test_helm_values_configure_the_production_stores_and_set_their_variables():
    values = load(DEPLOY / "helm-values.yml")
    production = load(ROOT / "endpoints.production.yml")
    endpoints = values["applicationSettings"]["endpoints"]
    without_switch = lambda store: {k: v for k, v in store.items() if k != "enabled"}  # noqa: E731
    assert without_switch(endpoints["trackerStore"]) == production["tracker_store"]
    assert without_switch(endpoints["lockStore"]) == production["lock_store"]
    assert endpoints["trackerStore"]["enabled"] and endpoints["lockStore"]["enabled"]
    environment = {entry["name"] for entry in values["extraEnv"]}
    # The chart itself sets ACTION_SERVER_URL from rasa-action-server.external.url.
    assert production_variables() - {"ACTION_SERVER_URL"} <= environment
    assert values["rasa-action-server"]["external"]["url"].endswith(":5055/webhook")
    assert values["replicaCount"] >= 2 and values["applicationSettings"]["enableAPI"] is False


def test_the_image_builds_with_the_same_set_up_as_make_and_sets_what_make_sets_for_the_servers():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "RUN make setup" in dockerfile and "FROM python:3.10" in dockerfile
    fixed_by_make = set(re.findall(r"^export (\w+) :=", (ROOT / "Makefile").read_text(), re.MULTILINE))
    set_in_image = set(re.findall(r"(\w+)=", " ".join(line for line in dockerfile.splitlines() if line.startswith("ENV"))))
    assert fixed_by_make - {"SPACY_PIPELINE", "PYTHONHASHSEED"} <= set_in_image  # those two matter to training only


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints.production.yml"])
def test_the_domain_goes_only_to_the_action_that_reads_it(endpoints, monkeypatch):
    """The self-check form's validation reads the form's slots from the domain; no other action reads it."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.utils import AvailableEndpoints
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    for variable in production_variables() | {"ACTION_SERVER_URL", "TRACKER_SQLITE_FILE"}:
        monkeypatch.setenv(variable, "1")
    action_endpoint = AvailableEndpoints.read_endpoints(str(ROOT / endpoints)).action
    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = DialogueStateTracker("someone", domain.slots)
    sent_with_domain = {name for name in domain.user_actions
                        if "domain" in RemoteAction(name, action_endpoint)._action_call_format(tracker, domain)}
    assert sent_with_domain == {"validate_eligibility_form"}
