"""The demo policies: the Finnish privacy policy is the shop's own text, structure kept.

``data/xmi-privacy-policy.fi.txt`` is the privacy policy as Xmi OÜ published it (a copy of its web
page, menus included): the demo's version 1 in Finnish must say exactly what it says."""

from pathlib import Path

from demo.policies import seed_body
from demo.seed import cookies, privacy, terms

SOURCE = Path(__file__).resolve().parent / "data" / "xmi-privacy-policy.fi.txt"
CHROME = {"Äskettäin katsottu", "Ei tuotteita", "Valikko", "Sisene", "Kirjaudu sisään"}


def seed_lines(title: str, blocks) -> list[str]:
    lines = [title]
    for _kind, value in blocks:
        lines.extend(value if isinstance(value, list) else [value])
    return lines


def test_finnish_privacy_policy_matches_the_published_text():
    raw = [line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    start, end = raw.index("Tietosuojakäytäntö"), raw.index("Valikko")
    policy = []
    for line in raw[start:end]:
        line = line.removeprefix("• ").removeprefix("1. ").strip()
        if not policy or policy[-1] != line:  # the page repeats its title as the first heading
            policy.append(line)
    assert not CHROME & set(policy)
    assert not any(line.startswith("Luo ilmainen tili") for line in policy)
    assert seed_lines(*privacy.FI) == policy


def test_translations_keep_the_structure():
    for module in (privacy, terms, cookies):
        shape = [kind for kind, _value in module.FI[1]]
        for code in ("et", "en"):
            assert [kind for kind, _value in module.TEXTS[code][1]] == shape, (module.__name__, code)
            lists = [len(v) for k, v in module.TEXTS[code][1] if isinstance(v, list)]
            assert lists == [len(v) for k, v in module.FI[1] if isinstance(v, list)]


def test_terms_and_cookie_contents():
    assert all("14" in " ".join(seed_lines(*terms.TEXTS[code])) for code in ("fi", "et", "en"))
    categories = [item.split(":")[0] for item in cookies.EN[1][2][1]]
    assert categories == ["Necessary", "Preferences", "Statistics", "Marketing"]


def test_paragraphs_are_escaped_rich_text():
    assert seed_body([("paragraph", "a < b & c")]) == [("paragraph", "<p>a &lt; b &amp; c</p>")]
