"""The lock store that production uses, on the local Redis: one ticket per message, whichever server issues it."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from rasa.utils.endpoints import EndpointConfig

from stores.redis_lock_store import AtomicRedisLockStore
from tests.servers import reachable

pytestmark = pytest.mark.skipif(not reachable("127.0.0.1", 6379), reason="Redis is needed at 127.0.0.1:6379")


def lock_store() -> AtomicRedisLockStore:
    """A store as Rasa builds it from endpoints.production.yml, one a 'server'."""
    return AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=0, type="stores.redis_lock_store"))


def test_servers_issuing_tickets_at_once_for_a_new_conversation_get_each_its_own():
    conversation = f"lock-test-{uuid.uuid4().hex}"
    servers = [lock_store() for _ in range(8)]
    with ThreadPoolExecutor(max_workers=len(servers)) as pool:
        tickets = list(pool.map(lambda index: servers[index % len(servers)].issue_ticket(conversation), range(200)))
    assert sorted(tickets) == list(range(200))  # Rasa's own store hands the same number to several servers
    servers[0].delete_lock(conversation)


def test_the_lock_is_deleted_when_the_last_ticket_is_returned_and_kept_while_one_waits():
    conversation = f"lock-test-{uuid.uuid4().hex}"
    first, second = lock_store(), lock_store()
    serving, waiting = first.issue_ticket(conversation), second.issue_ticket(conversation)
    assert first.get_lock(conversation).is_locked(waiting) and not first.get_lock(conversation).is_locked(serving)
    first.cleanup(conversation, serving)
    assert not second.get_lock(conversation).is_locked(waiting)  # the waiting message is served next
    second.cleanup(conversation, waiting)
    assert first.get_lock(conversation) is None


def test_expired_tickets_are_dropped_so_a_crashed_server_does_not_hold_the_conversation():
    conversation = f"lock-test-{uuid.uuid4().hex}"
    store = lock_store()
    store.issue_ticket(conversation, lock_lifetime=0)  # its server died: the ticket is never returned
    waiting = store.issue_ticket(conversation)
    store.update_lock(conversation)
    lock = store.get_lock(conversation)
    assert not lock.is_locked(waiting) and len(lock.tickets) == 1  # only the waiting message's ticket is left
    store.cleanup(conversation, waiting)
    assert store.get_lock(conversation) is None
