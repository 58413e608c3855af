"""A TCP proxy in front of a shared dependency (PostgreSQL, Redis) that a test can cut, stall and restore.

Cutting closes the listening port and every open connection, so the servers behind it see the dependency go
down (connection refused, connections reset); stalling keeps the connections open but passes nothing, as a
paused or overloaded server would. The shared PostgreSQL and Redis are never touched.
"""
from __future__ import annotations

import socket
import threading
from typing import List

from tests.servers import free_port


class TcpProxy:
    """Forwards 127.0.0.1:port to 127.0.0.1:target_port, except while cut or stalled."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self._connections: List[socket.socket] = []
        self._lock = threading.Lock()
        self._flowing = threading.Event()
        self._listener = None
        self.restore()

    def restore(self) -> None:
        self._flowing.set()
        if self._listener is not None and self._listener.fileno() != -1:
            return  # it was only stalled
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stall(self) -> None:
        self._flowing.clear()

    def cut(self) -> None:
        self._close(self._listener)
        with self._lock:
            connections, self._connections = self._connections, []
        for connection in connections:
            self._close(connection)

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                self._close(client)
                continue
            with self._lock:
                self._connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                self._flowing.wait()
                sink.sendall(data)
        except OSError:
            pass
        self._close(source)
        self._close(sink)

    @staticmethod
    def _close(connection: socket.socket) -> None:
        try:
            connection.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in accept() or recv()
        except OSError:
            pass
        connection.close()
