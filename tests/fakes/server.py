"""The two adapters around FakeNotion.handle: a respx router (in-process) and a real 127.0.0.1 HTTP server."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import httpx
import respx

from .faults import DropConnection

if TYPE_CHECKING:
    from .notion import FakeNotion


def respx_router(fake: FakeNotion, base_url: str) -> respx.MockRouter:
    """A respx router answering every request under `base_url` through `fake.handle` (use it as `with`)."""
    router = respx.MockRouter(assert_all_called=False, assert_all_mocked=True, base_url=base_url)
    prefix = urlsplit(base_url).path.rstrip("/")

    def answer(request: httpx.Request) -> httpx.Response:
        path = request.url.raw_path.decode("ascii").split("?", 1)[0]
        if prefix and path.startswith(prefix):
            path = path[len(prefix):]
        query = parse_qs(request.url.query.decode("ascii"), keep_blank_values=True)
        try:
            status, headers, body = fake.handle(request.method, path, query, dict(request.headers.items()),
                                                request.content)
        except DropConnection as drop:
            if drop.kind == "timeout":
                raise httpx.ReadTimeout("The read operation timed out (fake)", request=request) from None
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.",
                                            request=request) from None
        return httpx.Response(status, headers=headers, content=body)

    router.route().mock(side_effect=answer)
    return router


def _handler_class(fake: FakeNotion, stopping: threading.Event) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # small answers go out at once, not after a 40 ms delay

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            split = urlsplit(self.path)
            query = parse_qs(split.query, keep_blank_values=True)
            try:
                status, headers, payload = fake.handle(self.command, split.path, query, dict(self.headers.items()),
                                                       body)
            except DropConnection as drop:
                self._drop(drop)
                return
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _drop(self, drop: DropConnection) -> None:
            if drop.kind == "timeout":
                stopping.wait(drop.delay)   # longer than the client's timeout, cut short on shutdown
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _serve

        def log_message(self, format: str, *args: object) -> None:   # noqa: A002 - silence stderr noise
            return

    return Handler


@contextmanager
def serve(fake: FakeNotion, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run a ThreadingHTTPServer for `fake` in a daemon thread; yields e.g. "http://127.0.0.1:54321"."""
    stopping = threading.Event()
    server = ThreadingHTTPServer((host, port), _handler_class(fake, stopping))
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True,
                              name="fake-notion-server")
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
