"""Schema fuzzing: schemathesis against the served ``/api/v1/schema/`` of a real app server.

``make fuzz`` runs it long; tests/reliability/test_fuzz.py runs it short in CI (fixed seed,
bounded examples). It starts gunicorn with the production settings (tests/reliability/
settings_multiprocess.py) on a fresh SQLite database (or ``--database-url``), loads the demo shop
and a shopper who has one of everything, raises every throttle (THROTTLE_ALL) so that each
operation's logic is reached rather than its 429, and runs schemathesis with all its checks twice:
anonymous and as the shopper (bearer token).

    .venv/bin/python -m tests.reliability.fuzz --examples 50 --seed 1 [--database-url postgres://...]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.reliability.servers import ROOT, AppServer, server_env

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))

# A shopper with one of everything the API can show them (the fuzzer signs in as them).
SEED = """
import json
from decimal import Decimal
from shop.accounts.models import Address, User
from shop.catalog.models import Product
from shop.orders.models import Order, OrderLine
from shop.core.pseudonyms import subject_ref
from shop.privacy.services import cookie_consent_record
from shop.wishlist.models import RecentlyViewed, WishlistItem

user = User.objects.create_user(email=EMAIL, password=PASSWORD, first_name="Fuzz")
Address.objects.create(
    user=user, first_name="F", last_name="Z", line1="Pikk 1", postcode="10123", city="Tallinn", country="EE"
)
product = Product.objects.order_by("pk").first()
WishlistItem.objects.create(user=user, product=product)
RecentlyViewed.objects.create(user=user, product=product)
order = Order.objects.create(
    number="XMFUZZ1", user=user, subject_ref=subject_ref(user.pk), email=user.email, address_country="EE",
    shipping_method_code="courier-ee", total_net=Decimal("10.00"), total_vat=Decimal("2.40"),
    total_gross=Decimal("12.40"), status="paid",
)
OrderLine.objects.create(order=order, sku=product.sku, title="Fuzz", quantity=1, unit_price_gross=Decimal("12.40"),
                         vat_rate=Decimal("24.00"), total_gross=Decimal("12.40"))
cookie_consent_record(consent_id=None, preferences=True, statistics=False, marketing=False, policy_version=1,
                      locale="fi", ip=None, user=user)
print(json.dumps({"shopper": user.pk}))
"""


SHOPPER_EMAIL, SHOPPER_PASSWORD = "fuzz@example.com", "fuzz shopper passphrase"


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args[:2])} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return result.stdout


def prepare(env: dict[str, str]) -> None:
    """Migrate, load the demo shop and the fuzz shopper."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo")
    seed = f"EMAIL, PASSWORD = {SHOPPER_EMAIL!r}, {SHOPPER_PASSWORD!r}\n" + SEED
    manage(env, "shell", "-v", "0", "-c", seed)


# Checks the CI run leaves out: none. Every schemathesis check runs (no 5xx, documented statuses,
# responses that match the schema, schema-valid input accepted and invalid input refused), plus
# error_envelope (fuzz_hooks.py). The operations whose schema-valid input the domain may still
# refuse with a 400 (a made-up password or token, ...) are listed in schemathesis.toml.
PENDING_CHECKS: list[str] = []


def schemathesis(
    server: AppServer, *, examples: int, seed: int, report: Path, env: dict[str, str], exclude: list[str]
) -> tuple[int, str]:
    args = [
        SCHEMATHESIS,
        "--config-file",
        str(ROOT / "tests" / "reliability" / "schemathesis.toml"),
        "run",
        f"http://127.0.0.1:{server.port}/api/v1/schema/",
        "--checks",
        "all",
        "--max-examples",
        str(examples),
        "--seed",
        str(seed),
        "--generation-database",
        "none",
        "--workers",
        "1",
        "--no-color",
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
        "--header",
        "X-Forwarded-Proto: https",
        *(["--exclude-checks", ",".join(exclude)] if exclude else []),
    ]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.reliability.fuzz_hooks", **env}
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)  # noqa: S603
    return result.returncode, result.stdout + result.stderr


def summary(output: str) -> dict[str, int]:
    """Operations and test cases from schemathesis's closing summary."""
    figures = {}
    for key, pattern in {
        "operations": r"Selected: (\d+)/",
        "tested": r"Tested: (\d+)",
        "cases": r"(\d+) generated",
    }.items():
        match = re.search(pattern, output)
        figures[key] = int(match.group(1)) if match else -1
    return figures


def run(
    *, examples: int, seed: int, database_url: str = "", out: Path | None = None, exclude: list[str] | None = None
) -> dict:
    with tempfile.TemporaryDirectory(prefix="xmi-fuzz-") as tmp:
        var = Path(tmp)
        env = server_env(
            database_url,
            VAR_DIR=str(var),
            MEDIA_ROOT=str(var / "media"),
            CATALOG_CACHE_TIMEOUT="0",
            FAST_PASSWORD_HASHER="1",
        )
        if not database_url:
            env.pop("DATABASE_URL")
        env.pop("REDIS_URL", None)  # one process: its own cache, untouched by tests clearing theirs
        prepare(env)
        server = AppServer.start(env)
        results = {}
        try:
            shopper = {
                "FUZZ_SHOPPER_EMAIL": SHOPPER_EMAIL,
                "FUZZ_SHOPPER_PASSWORD": SHOPPER_PASSWORD,
                "FUZZ_BASE_URL": f"http://127.0.0.1:{server.port}",
            }
            for name, hook_env in {"anonymous": {}, "shopper": shopper}.items():
                report = (out or var) / f"schemathesis-{name}.xml"
                code, output = schemathesis(
                    server, examples=examples, seed=seed, report=report, env=hook_env, exclude=exclude or []
                )
                results[name] = {"exit": code, **summary(output), "output": output}
        finally:
            server.stop()
        return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100, help="max examples per operation")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--database-url", default="", help="PostgreSQL to fuzz against (default: fresh SQLite)")
    parser.add_argument("--exclude-checks", default="", help="comma-separated schemathesis checks to skip")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "fuzz", help="where the JUnit reports go")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    results = run(
        examples=options.examples,
        seed=options.seed,
        database_url=options.database_url,
        out=options.out,
        exclude=[c for c in options.exclude_checks.split(",") if c],
    )
    for name, result in results.items():
        print(f"=== {name}\n{result['output']}")
    for name, result in results.items():
        print(f"{name}: exit {result['exit']}, {result['tested']} operations tested, {result['cases']} test cases")
    return max(result["exit"] for result in results.values())


if __name__ == "__main__":
    sys.exit(main())
