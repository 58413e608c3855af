"""A Redis lock store whose tickets are issued and returned atomically, so that two Rasa servers never serve one
conversation at the same time.

Rasa 3.6's RedisLockStore keeps a conversation's ticket lock as one JSON value and changes it by reading it,
changing it in Python and writing it back. Two servers that receive messages of the same conversation at the same
moment can both read "no lock", both issue ticket 0 and both go ahead: the turns interleave and the SQL tracker
store keeps only one of them (tests/test_conversation_stores.py lost a turn in two runs out of three). Here every
change of the value is one optimistic Redis transaction: WATCH, read, change, MULTI/EXEC, and again from the read
when another server changed the value in between.
"""
from __future__ import annotations

import json
from typing import Callable, Optional, Text, Tuple, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

Result = TypeVar("Result")
# A change of a conversation's lock: the lock as stored (None: none) -> the lock to store (None: delete), a result.
LockChange = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], Result]]


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store, named in the endpoints by its module path, with the same settings (url, port, db,
    password, use_ssl, key_prefix, socket_timeout)."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _change(self, conversation_id: Text, change: LockChange) -> Result:
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    changed, result = change(TicketLock.from_dict(json.loads(stored)) if stored else None)
                    pipe.multi()
                    if changed is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, changed.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another server changed the lock after it was read: read it again

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: Optional[TicketLock]) -> Tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:  # as Rasa's: any failure to get a ticket is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: Text) -> None:
        def without_expired(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, without_expired)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Returns the ticket, and deletes the lock in the same transaction when nobody else is waiting."""
        def finished(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock:
                lock.remove_ticket_for(ticket_number)
            return (lock if lock and lock.is_someone_waiting() else None), None

        self._change(conversation_id, finished)
