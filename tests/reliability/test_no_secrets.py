"""No secret is committed: private keys, cloud access keys, API tokens, hard-coded passwords.

Scans every file git tracks (text files; the lockfiles and compiled translations are skipped).
Secrets come from the environment (config/settings/production.py refuses to start without them).
A deliberate test value is fine in tests/ and in config/settings/test.py, which never run in
production; anything else that matches fails here and should move to an environment variable.
"""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Spelled in pieces so that this file does not match itself.
ALWAYS = {
    "private key": re.compile("-----BEGIN " + r"(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY"),
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA)" + r"[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(r"aws_secret_access_key\s*[=:]\s*['\"]?[A-Za-z0-9/+]{40}", re.I),
    "GitHub token": re.compile(r"\bgh[pousr]_" + r"[A-Za-z0-9]{36}\b"),
    "Slack token": re.compile(r"\bxox[abpr]-" + r"[A-Za-z0-9-]{10,}"),
    "Stripe live key": re.compile(r"\b[sr]k_live_" + r"[A-Za-z0-9]{16,}"),
    "Google API key": re.compile(r"\bAIza" + r"[0-9A-Za-z_-]{35}\b"),
}
# Outside tests: a literal that is not a plain word, assigned to something named like a secret.
HARD_CODED = re.compile(
    r"""(?ix)\b\w*(?:password|passwd|secret|api_key|access_key)\b\s*[:=]\s*["']([^"'\s{}%$<>]{8,})["']"""
)
TEST_ONLY = ("tests/", "config/settings/test.py", "config/settings/bench.py", "bench/")
SKIP_SUFFIXES = (".mo", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico", ".woff", ".woff2", ".lock")
SKIP_FILES = {"frontend/package-lock.json"}


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout  # noqa: S607
    return [name for name in out.decode().split("\0") if name]


def scan(name: str, text: str) -> list[str]:
    found = [f"{name}: {label}" for label, pattern in ALWAYS.items() if pattern.search(text)]
    if not name.startswith(TEST_ONLY):
        # A value of letters only is a label ("Salasana"), not a secret.
        found += [
            f"{name}: hard-coded secret {m.group(0)[:40]!r}"
            for m in HARD_CODED.finditer(text)
            if not m.group(1).isalpha()
        ]
    return found


def test_the_scanner_finds_what_it_looks_for():
    assert scan("a.pem", "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIE")
    assert scan("a.py", "key = 'AKIA" + "ABCDEFGHIJKLMNOP'")
    assert scan("config/x.py", 'EMAIL_HOST_PASSWORD = "hunter2hunter2"')
    assert scan("tests/x.py", 'password = "correct horse battery"') == []
    assert scan("config/x.py", 'EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")') == []


def test_no_secret_is_committed():
    found = []
    for name in tracked_files():
        if name in SKIP_FILES or name.endswith(SKIP_SUFFIXES):
            continue
        path = ROOT / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += scan(name, text)
    assert found == []
