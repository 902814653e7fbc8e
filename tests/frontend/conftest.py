"""Browser tests: Debian's Chromium driven by pytest-playwright against the built storefront on
``live_server``, with the real API (nothing mocked, no request interception).

``playwright install`` cannot download browsers here, so the system Chromium is launched by path.
The storefront must be built first (``make frontend``); ``make test`` does that. Screenshots are
written to ``var/screenshots/`` (gitignored) for a person to look at.
"""

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from pytest_django.live_server_helper import LiveServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
DIST = ROOT / "frontend" / "dist" / "index.html"
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if not DIST.exists():
        return "the storefront is not built (make frontend)"
    return None


@pytest.fixture(autouse=True)
def _restore(restore_migrated_data):
    """Live-server tests commit for real and are flushed afterwards (see tests/conftest.py)."""


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """Django's live server, with the application run for one request at a time when the test
    database is in-memory SQLite. There every request thread shares the test's single connection,
    and two browser requests at once collide on it ("cannot open savepoint - SQL statements in
    progress", a 503 the shopper never sees in production). Connections stay on their own threads
    (a keep-alive socket waiting for its next request blocks nobody); only the application, and the
    reading of its answer, is serialised. On PostgreSQL each thread has its own connection: no lock."""

    application_lock = threading.Lock()

    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)

        def one_at_a_time(environ, start_response):
            with self.application_lock:
                answer = application(environ, start_response)
                try:
                    return [b"".join(answer)]
                finally:
                    getattr(answer, "close", lambda: None)()  # request_finished runs under the lock

        return super().set_app(one_at_a_time)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server (same address rules), on ``OneRequestAtATimeServer``."""
    addr = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(addr, start=False)
    server.thread.server_class = OneRequestAtATimeServer
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright():
    """pytest-playwright's session, started with the ORM's async guard lifted: Playwright's sync API
    runs an event loop, which Django refuses without this. It is set only while browser tests run
    (``check --deploy`` rightly refuses it in a real process)."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as session:
            yield session
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "locale": "fi-FI",
        "viewport": {"width": 1280, "height": 900},
        "accept_downloads": True,
    }


@pytest.fixture
def console_errors(page):
    """Every console error and uncaught exception of the test's page (a 401 or 404 the app caused
    shows up here as "Failed to load resource")."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def axe_violations(page, *, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (installed from npm with the storefront) in the page; serious and critical only."""
    # Evaluated through the DevTools protocol: an injected <script> tag is inline code, which the
    # storefront's Content-Security-Policy rightly refuses.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => JSON.stringify((await axe.run(document)).violations)")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in json.loads(result)
        if v["impact"] in impacts
    ]


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def choose_cookies(page, button: str = "Vain välttämättömät") -> None:
    page.get_by_role("button", name=button).click()
    page.locator("#cookie-banner").wait_for(state="detached")


def sign_up(page, *, email: str, password: str = "a long enough passphrase", first: str = "Maija") -> None:  # noqa: S107
    page.goto("/register")
    page.get_by_label("Etunimi", exact=True).fill(first)
    page.get_by_label("Sukunimi").fill("Meikäläinen")
    page.get_by_label("Sähköposti", exact=True).fill(email)
    page.get_by_label("Salasana", exact=True).fill(password)
    page.get_by_role("checkbox", name="Olen lukenut ja ymmärtänyt tietosuojakäytännön", exact=False).check()
    page.get_by_role("button", name="Luo tili").click()
    page.get_by_role("heading", name="Tietosuojakeskus").wait_for()


@pytest.fixture
def shop(homes, make_policy, settings, tmp_path):
    """A small shop: privacy and cookie policies, one category with three products (one translated
    into Estonian, one out of stock)."""
    from tests.shop.catalog import factories

    settings.MEDIA_ROOT = tmp_path / "media"
    make_policy("privacy", "fi", title="Tietosuojakäytäntö")
    make_policy("cookies", "fi", title="Evästekäytäntö")
    make_policy("terms", "fi", title="Toimitusehdot")
    category = factories.make_category(homes["fi"], title="Retkeily", slug="retkeily")
    socks = factories.make_product(category, title="Villasukat", slug="villasukat", net_price="10.00", images=2)
    factories.make_product(category, title="Pipo", slug="pipo", net_price="8.00", stock=0, images=1)
    factories.make_product(category, title="Lapaset", slug="lapaset", net_price="12.00", images=1)
    category_et = factories.translate(category, "et", title="Matkamine", slug="matkamine")
    assert category_et.live
    factories.translate(socks, "et", title="Villased sokid", slug="villased-sokid")
    return socks
