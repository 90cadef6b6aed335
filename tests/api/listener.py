"""A local TCP listener standing for an internal service an attacker wants the server to call."""

from __future__ import annotations

import contextlib
import socket
import threading

SECRET = b"listener-secret-7f3a"  # the body it answers with: must never appear in any response


class Listener:
    """Listens on 127.0.0.1; counts every connection and answers it with an HTTP response holding `SECRET`."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            with contextlib.suppress(OSError):
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/turtle\r\nContent-Length: %d\r\n\r\n%s"
                             % (len(SECRET), SECRET))
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()
