"""`outreach-worker serve`: Notion's webhooks in, looks out (SPEC §10).

The standard library's ThreadingHTTPServer: one POST route, behind the person's own HTTPS proxy
(Notion only calls public HTTPS URLs; the proxy holds the certificate), so the worker needs no web
framework, no TLS and no new dependency. Each request is judged by webhooks.py; events that call for
a look wake the Looker, which waits MERGE_SECONDS for the rest of a burst, makes one look, and one
more after SETTLE_SECONDS for rows the look left because their edit was under 2 minutes old.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from worker.notion.client import NotionGateway
from worker.notion.schema import fetch_data_source
from worker.notion.users import fetch_bot_id
from worker.runs.clock import SYSTEM_CLOCK, Clock
from worker.runs.live.webhooks import Judged, Verdict, judge
from worker.runs.locking import require_state_dir
from worker.runs.stopping import stop_on_signals
from worker.settings import Settings

log = logging.getLogger("worker.runs.live")

MAX_BODY_BYTES = 1_000_000  # Notion's events are a few hundred bytes
MERGE_SECONDS = 1.5  # a burst's look starts at most this long after its first event (SPEC: within 2 s)
QUIET_SECONDS = 1.0  # or as soon as this long passes without another event
SETTLE_SECONDS = 180.0  # the look after a burst leaves rows edited under 2 minutes ago: look again then
STOP_WAIT_SECONDS = 30.0  # a look in flight finishes its write, then the server exits
STATUS = {Verdict.VERIFICATION: 200, Verdict.LOOK: 200, Verdict.IGNORED: 200, Verdict.REFUSED: 401,
          Verdict.UNREADABLE: 400}


class Looker:
    """Runs `look` on its own thread when poked: bursts merged, never two looks at once."""

    def __init__(self, look: Callable[[], None], stop: threading.Event, merge_seconds: float = MERGE_SECONDS,
                 settle_seconds: float = SETTLE_SECONDS, quiet_seconds: float = QUIET_SECONDS) -> None:
        self._look, self._stop = look, stop
        self._merge, self._settle, self._quiet = merge_seconds, settle_seconds, quiet_seconds
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="looker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        """An event came: a look within MERGE_SECONDS (and another once its edits have settled)."""
        self._wake.set()

    def join(self, seconds: float) -> None:
        """Wait for the looker to end once `stop` is set: woken, so a follow-up look it is waiting
        minutes for does not hold the stop up; a look in flight is finished."""
        self._wake.set()
        self._thread.join(seconds)

    def _loop(self) -> None:
        follow_up = False  # a look is owed SETTLE_SECONDS after the last event's look
        while not self._stop.is_set():
            woken = self._wake.wait(self._settle if follow_up else 1.0)
            if self._stop.is_set():
                return
            if not woken and not follow_up:
                continue
            if woken and not self._gather():
                return
            self._wake.clear()
            follow_up = woken  # after a follow-up look that no event started, none is owed
            self._safe_look()

    def _gather(self) -> bool:
        """Wait for the rest of a burst: until QUIET seconds without an event, at most MERGE seconds
        after the first; False when the server is stopping."""
        first = time.monotonic()
        while True:
            self._wake.clear()
            left = self._merge - (time.monotonic() - first)
            if left <= 0:
                return True
            if self._stop.wait(min(self._quiet, left)):
                return False
            if not self._wake.is_set():
                return True

    def _safe_look(self) -> None:
        try:
            self._look()
        except Exception:  # noqa: BLE001 - the look logs its own failures; the server keeps serving
            log.exception("a look started by a webhook failed")


class WebhookState:
    """What the handler needs: the list's ids, the token (once known), the Looker."""

    def __init__(self, token: str | None, data_source_id: str, bot_id: str, looker: Looker) -> None:
        self.token, self.data_source_id, self.bot_id, self.looker = token, data_source_id, bot_id, looker
        self.lock = threading.Lock()

    def handle(self, body: bytes, signature: str | None) -> Judged:
        with self.lock:
            judged = judge(body, signature, self.token, self.data_source_id, self.bot_id)
            if judged.verdict is Verdict.VERIFICATION:
                log.warning("Notion sent its webhook verification token: %s . Paste it in your integration's "
                            "Webhooks tab to verify the subscription, and put NOTION_WEBHOOK_TOKEN=%s in .env "
                            "so a restart keeps checking signatures.", judged.detail, judged.detail,
                            extra={"event": "webhook_verification"})
                self.token = self.token or judged.detail
        if judged.verdict is Verdict.LOOK:
            self.looker.poke()
        elif judged.verdict is not Verdict.VERIFICATION:
            log.info("webhook %s: %s", judged.verdict, judged.detail, extra={"event": "webhook"})
        return judged


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self._answer(413)
            return
        judged = self.server.state.handle(self.rfile.read(length), self.headers.get("X-Notion-Signature"))
        self._answer(STATUS[judged.verdict])

    def _answer(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the access log goes to ours
        log.debug("%s " + format, self.address_string(), *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: WebhookState) -> None:
        super().__init__(address, _Handler)
        self.state = state


def start_server(state: WebhookState, port: int, host: str = "0.0.0.0") -> ThreadingHTTPServer:
    """Serve on `port` (0: any free one) on a thread of its own; `shutdown()` stops it."""
    server = _Server((host, port), state)
    threading.Thread(target=server.serve_forever, name="webhooks", daemon=True).start()
    return server


def serve_webhooks(settings: Settings, *, port: int, clock: Clock = SYSTEM_CLOCK, today: date | None = None) -> int:
    """Receive Notion's webhooks on `port` until SIGTERM/SIGINT, a look per burst of events; 0 on a clean stop."""
    from worker.runs.scheduler import SyncRunner

    settings.require_token()
    require_state_dir(settings)
    stop = threading.Event()
    data_source_id, bot_id = _whose_events(settings, stop)
    runner = SyncRunner(settings, today, stop, clock)
    looker = Looker(lambda: runner("look"), stop)
    token = settings.webhook_token.get_secret_value() if settings.webhook_token else None
    state = WebhookState(token, data_source_id, bot_id, looker)
    with stop_on_signals(stop):
        server = start_server(state, port)
        looker.start()
        log.warning("listening for Notion's webhooks on port %d%s", server.server_address[1],
                    "" if token else "; waiting for Notion's verification request", extra={"event": "serve"})
        while not stop.wait(1.0):
            pass
        server.shutdown()
        looker.join(STOP_WAIT_SECONDS)
    return 0


def _whose_events(settings: Settings, stop: threading.Event) -> tuple[str, str]:
    """The list's data source id and the integration's bot id (three requests, once)."""
    gateway = NotionGateway.from_settings(settings, stop)
    try:
        return fetch_data_source(gateway, settings.require_database()).data_source_id, fetch_bot_id(gateway)
    finally:
        gateway.close()
