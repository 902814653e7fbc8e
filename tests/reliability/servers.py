"""Real app server processes for the multi-process and fault tests: gunicorn with the production
settings (tests/reliability/settings_multiprocess.py) on free loopback ports, and a tiny HTTP
client that keeps each client's cookies by hand (the session cookie is ``Secure``, and the
processes see HTTPS through ``X-Forwarded-Proto`` as behind the real proxy)."""

import contextlib
import http.client
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
FERNET_TEST_KEY = "ZmVybmV0LWtleS1mb3ItdGVzdHMtb25seS0wMDAwMDA="


def free_port() -> int:
    """A free loopback port: one the kernel picks, or one of ``RELIABILITY_PORTS`` ("8300-8399")
    when set, for machines where several test runs are given their own port ranges."""
    ports = os.environ.get("RELIABILITY_PORTS", "")
    if not ports:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]
    first, _, last = ports.partition("-")
    candidates = list(range(int(first), int(last or first) + 1))
    random.shuffle(candidates)
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in RELIABILITY_PORTS={ports}")


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.reliability.settings_multiprocess",
        DATABASE_URL=database_url,
        SECRET_KEY="multiprocess-test-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SUBJECT_REF_KEY="multiprocess-test-subject-ref-key",
        FIELD_ENCRYPTION_KEY=FERNET_TEST_KEY,
        # A fixed 32-byte Ed25519 seed (base64url), for tests only.
        RECEIPT_SIGNING_KEYS="multiprocess-test:bXVsdGlwcm9jZXNzLXRlc3QtcmVjZWlwdC1zZWVkISE",
        EVIDENCE_CHAIN_KEY="multiprocess-test-evidence-chain-key",
        # The test bank lets checkout be reached end to end (it is off in production by default).
        PAYMENT_TEST_BANK_ENABLED="true",
        PAYMENT_WEBHOOK_SECRET="multiprocess-test-webhook-secret",
        SECURE_SSL_REDIRECT="false",
        THROTTLE_ALL="100000/min",
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


@dataclass
class AppServer:
    port: int
    process: subprocess.Popen

    @classmethod
    def start(cls, env: dict[str, str], port: int | None = None) -> "AppServer":
        port = port or free_port()
        process = subprocess.Popen(  # noqa: S603 - our own app server
            [
                GUNICORN,
                "-c",
                "python:config.gunicorn",  # as deployed (deploy/Procfile)
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--no-control-socket",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        server = cls(port, process)
        server.wait_until_up()
        return server

    def wait_until_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                if Client(self).get("/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn on port {self.port} did not come up")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Client:
    """One browser-like client; ``server`` can be switched between requests (sticky nothing)."""

    server: AppServer
    cookies: dict[str, str] = field(default_factory=dict)
    bearer: str | None = None

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self.server.port}"

    def request(
        self, method: str, path: str, *, json_body=None, form=None, body: bytes | None = None, headers=None
    ) -> Answer:
        all_headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.server.port}", **(headers or {})}
        if json_body is not None:
            body = json.dumps(json_body).encode()
            all_headers["Content-Type"] = "application/json"
        elif form is not None:
            body = urlencode(form, doseq=True).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.bearer:
            all_headers["Authorization"] = f"Bearer {self.bearer}"
        if method not in {"GET", "HEAD"} and "csrftoken" in self.cookies:
            all_headers.setdefault("X-CSRFToken", self.cookies["csrftoken"])
            all_headers.setdefault("Origin", self.origin)
            all_headers.setdefault("Referer", self.origin + "/")
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return answer

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> Answer:
        return self.request("POST", path, **kwargs)

    def admin_login(self, email: str, password: str) -> None:
        page = self.get("/admin/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1).decode()
        answer = self.post(
            "/admin/login/",
            form={"username": email, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"},
        )
        assert answer.status == 302, answer.body[:500]


class TcpProxy:
    """A loopback TCP forwarder to ``target_port`` that a test can cut (every connection closed
    and new ones refused, as when the database server goes away) and restore."""

    def __init__(self, target_port: int, port: int | None = None) -> None:
        self.target_port = target_port
        self.port = port or free_port()
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None

    def start(self) -> "TcpProxy":
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        if self._listener is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would not.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def restore(self) -> None:
        self.start()
