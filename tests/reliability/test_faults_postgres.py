"""Faults on the real stack: gunicorn (production settings) on PostgreSQL through a TCP proxy
that the test cuts, as when the database server dies or fails over. While it is gone /healthz
and the API answer 503 (the API in the envelope); once it is back the same processes answer 200
without a restart."""

import os

import pytest
from django.db import connection

from shop.accounts.models import AuthToken

from .servers import AppServer, Client, TcpProxy, server_env

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def proxied_server(restore_migrated_data):
    db = connection.settings_dict
    proxy = TcpProxy(int(db["PORT"] or 5432)).start()
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    url = f"postgres://{db['USER']}{password}@127.0.0.1:{proxy.port}/{db['NAME']}"
    env = server_env(url, REDIS_URL=os.environ.get("REDIS_URL", ""), CACHE_KEY_PREFIX=f"faults-{os.getpid()}")
    server = AppServer.start(env)
    try:
        yield server, proxy
    finally:
        server.stop()
        proxy.cut()


def test_database_outage_is_503_and_the_app_recovers_without_a_restart(proxied_server, user):
    server, proxy = proxied_server
    _token, raw = AuthToken.issue(user)
    client = Client(server, bearer=raw)
    assert client.get("/api/v1/me/").status == 200

    proxy.cut()
    for _ in range(3):  # the pooled connection dies, then every new one is refused
        health = client.get("/healthz")
        assert (health.status, health.json()) == (503, {"status": "unavailable", "database": "unreachable"})
        down = client.get("/api/v1/me/?locale=en")
        assert down.status == 503
        assert down.json()["error"]["code"] == "service_unavailable"
        assert down.headers["Retry-After"] == "5"
        assert down.headers["Content-Type"] == "application/json"

    proxy.restore()
    assert client.get("/healthz").status == 200
    me = client.get("/api/v1/me/")
    assert (me.status, me.json()["email"]) == (200, user.email)
    assert server.process.poll() is None  # the same process, never restarted
