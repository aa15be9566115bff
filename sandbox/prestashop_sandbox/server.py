"""HTTP layer: a ``ThreadingHTTPServer`` on 127.0.0.1 that feeds requests to
:class:`~prestashop_sandbox.api.WebserviceApp`, applies faults, keeps the
request log, and serves a tiny control API under ``/_sandbox/`` (faults, reset,
log) for tests that run the sandbox out of process."""

from __future__ import annotations

import json
import logging
import socket
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from .api import Request

log = logging.getLogger("prestashop_sandbox")


@dataclass
class LoggedRequest:
    method: str
    path: str
    query: dict
    body: str | None
    status: int
    headers: dict = field(default_factory=dict)


class SandboxServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, sandbox, port: int = 0):
        self.sandbox = sandbox
        super().__init__(("127.0.0.1", port), Handler)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Apache"
    sys_version = ""

    def log_message(self, fmt, *args):  # one line per request, in _log()
        pass

    def _handle(self):
        sb = self.server.sandbox
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if split.path.startswith("/_sandbox/"):
            return self._control(sb, split.path, body)
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        path = split.path
        if not path.startswith("/api"):
            return self._send(404, [("Content-Type", "text/html")], b"Not Found")
        api_path = path[4:].lstrip("/")
        fault = sb.faults.pick()
        if sb.faults.latency:
            time.sleep(sb.faults.latency)
        text = body.decode("utf-8", "replace") if body else None
        entry_query = {k: v for k, v in query.items() if k != "ws_key"}
        if fault and fault[0] == "drop":
            sb._record(
                LoggedRequest(
                    self.command, api_path, entry_query, text, 0, dict(self.headers)
                )
            )
            self._drop()
            return
        if fault and fault[0] == "hang":
            sb._record(
                LoggedRequest(
                    self.command, api_path, entry_query, text, 0, dict(self.headers)
                )
            )
            time.sleep(fault[1])
            self._drop()
            return
        if fault and fault[0] == "fail":
            status = fault[1]
            sb._record(
                LoggedRequest(
                    self.command,
                    api_path,
                    entry_query,
                    text,
                    status,
                    dict(self.headers),
                )
            )
            return self._send(
                status,
                [("Content-Type", "text/html")],
                b"<html><body>Service Unavailable</body></html>",
            )
        req = Request(
            self.command,
            api_path,
            query,
            {k.lower(): v for k, v in self.headers.items()},
            body,
            self.headers.get("Host") or f"127.0.0.1:{sb.port}",
        )
        resp = sb.app.handle(req)
        payload = resp.body
        if fault and fault[0] == "malformed" and payload:
            payload = payload[: max(1, len(payload) // 2)]
        if fault and fault[0] == "notice_cut" and payload:
            payload = payload[: max(1, len(payload) // 2)]
        if fault and fault[0] in ("notice", "notice_cut"):
            payload = fault[1].encode() + (payload or b"")
        if fault and fault[0] == "body":
            resp.status, content_type, payload = fault[1]
            resp.headers = [
                (k, v)
                for k, v in resp.headers
                if k.lower() not in ("content-type", "content-sha1")
            ] + [("Content-Type", content_type)]
        sb._record(
            LoggedRequest(
                self.command,
                api_path,
                entry_query,
                text,
                resp.status,
                dict(self.headers),
            )
        )
        log.info("%s /api/%s %s", self.command, api_path, resp.status)
        self._send(resp.status, resp.headers, payload, head=self.command == "HEAD")

    def _send(self, status, headers, body, head=False):
        self.send_response_only(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if not head and body:
            self.wfile.write(body)
        self.close_connection = True

    def _drop(self):
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.close_connection = True

    def _control(self, sb, path, body):
        cmd = path[len("/_sandbox/") :]
        data = json.loads(body or b"{}") if body else {}
        if cmd == "faults":
            sb.faults.configure(data)
        elif cmd == "reset":
            sb.reset()
        elif cmd == "clear_log":
            sb.clear_log()
        elif cmd == "deny":  # {"resource": "order_carriers", "methods": [...]}
            sb.deny(data["resource"], *data.get("methods", ()))
        if cmd == "log":
            out = {"requests": [r.__dict__ for r in sb.requests]}
        elif cmd == "outbox":
            out = {"mails": sb.outbox}
        else:
            out = {"ok": True}
        self._send(
            200,
            [("Content-Type", "application/json")],
            json.dumps(out, default=str).encode(),
        )

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle
