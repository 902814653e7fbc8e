"""What changed between two frozen texts: block by block, then word by word (``difflib``).

Blocks are compared by their type and their *marked-up* text, in which formatting stays visible:
``**bold**``, ``_italic_`` and links as ``[text](target)``. So a change of only a link target or of
emphasis is a changed block (the hash changed, the diff must say why), and a paragraph turned into
a heading is a changed block with ``old_type``.

Blocks are matched on (type, marked-up text). A run of replaced blocks is paired in order as *changed*
blocks with word-level changes; the rest are *added* or *removed*. The HTML form shows the new
text with ``<ins>`` for added and ``<del>`` for removed words or blocks.
"""

import html
import re
from difflib import SequenceMatcher
from typing import Any

from django.utils.html import escape, format_html

_TOKENS = re.compile(r"\n|[^\S\n]+|[^\s]+")
BLOCK_TAGS = {"heading": "h2", "paragraph": "p"}
LIST_TAGS = {"bullets": "ul", "numbered": "ol"}


_TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)([^>]*)>")
_HREF = re.compile(r"""href\s*=\s*("([^"]*)"|'([^']*)')""")
_EMPHASIS = {"b": "**", "strong": "**", "i": "_", "em": "_"}


def marked_up(block: dict[str, Any]) -> str:
    """The block's text with its formatting written out (see the module docstring)."""
    if block["type"] in LIST_TAGS:
        return block["text"]
    fragment = block.get("html") or ""
    if not fragment:
        return block["text"]
    parts: list[str] = []
    links: list[str] = []
    position = 0
    for match in _TAG.finditer(fragment):
        parts.append(html.unescape(fragment[position : match.start()]))
        position = match.end()
        closing, name = match.group(1), match.group(2).lower()
        if name in _EMPHASIS:
            parts.append(_EMPHASIS[name])
        elif name == "a" and not closing:
            href = _HREF.search(match.group(3))
            links.append(html.unescape((href.group(2) or href.group(3) or "") if href else ""))
            parts.append("[")
        elif name == "a" and closing:
            parts.append(f"]({links.pop() if links else ''})")
        elif name == "br":
            parts.append("\n")
    parts.append(html.unescape(fragment[position:]))
    return re.sub(r"[^\S\n]+", " ", "".join(parts)).strip()


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def word_changes(old: str, new: str) -> list[dict[str, str]]:
    """``[{"op": "equal"|"insert"|"delete", "text": ...}]`` turning ``old`` into ``new``."""
    a, b = _tokens(old), _tokens(new)
    changes: list[dict[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if changes and changes[-1]["op"] == op:
            changes[-1]["text"] += text
        else:
            changes.append({"op": op, "text": text})

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return changes


def diff_blocks(old_blocks: list[dict[str, Any]], new_blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every block of both texts in reading order with its ``status``: unchanged, added, removed
    or changed (with ``changes`` word by word)."""
    old_blocks = [{**block, "text": marked_up(block)} for block in old_blocks]
    new_blocks = [{**block, "text": marked_up(block)} for block in new_blocks]
    keys_a = [(block["type"], block["text"]) for block in old_blocks]
    keys_b = [(block["type"], block["text"]) for block in new_blocks]
    result: list[dict[str, Any]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        if tag == "equal":
            result.extend({"status": "unchanged", "type": b["type"], "text": b["text"]} for b in new_blocks[j1:j2])
            continue
        old_run, new_run = old_blocks[i1:i2], new_blocks[j1:j2]
        paired = min(len(old_run), len(new_run)) if tag == "replace" else 0
        for old, new in zip(old_run[:paired], new_run[:paired], strict=True):
            result.append(
                {
                    "status": "changed",
                    "type": new["type"],
                    "old_type": old["type"],
                    "old_text": old["text"],
                    "text": new["text"],
                    "changes": word_changes(old["text"], new["text"]),
                }
            )
        result.extend({"status": "removed", "type": b["type"], "text": b["text"]} for b in old_run[paired:])
        result.extend({"status": "added", "type": b["type"], "text": b["text"]} for b in new_run[paired:])
    return result


def _lines(changes: list[dict[str, str]]) -> list[str]:
    """Render word changes as HTML, one string per line (list items are lines)."""
    lines = [""]
    for change in changes:
        wrap = {"insert": "ins", "delete": "del"}.get(change["op"])
        for index, part in enumerate(change["text"].split("\n")):
            if index:
                lines.append("")
            if part:
                lines[-1] += format_html("<{}>{}</{}>", wrap, part, wrap) if wrap else escape(part)
    return lines


def _block_html(block_type: str, lines: list[str]) -> str:
    if block_type in LIST_TAGS:
        tag = LIST_TAGS[block_type]
        return f"<{tag}>" + "".join(f"<li>{line}</li>" for line in lines) + f"</{tag}>"
    tag = BLOCK_TAGS.get(block_type, "p")
    return f"<{tag}>" + "<br>".join(lines) + f"</{tag}>"


def diff_html(blocks: list[dict[str, Any]]) -> str:
    """The diff as HTML: unchanged blocks plain, added blocks in ``<ins>``, removed in ``<del>``,
    changed blocks with ``<ins>``/``<del>`` around words."""
    parts = []
    for block in blocks:
        status = block["status"]
        if status == "changed" and block["old_type"] != block["type"]:
            # Same words, other kind of block (a paragraph became a heading): show both.
            old = _block_html(block["old_type"], [escape(line) for line in block["old_text"].split("\n")])
            new = _block_html(block["type"], _lines(block["changes"]))
            inner = f"<del>{old}</del><ins>{new}</ins>"
        elif status == "changed":
            inner = _block_html(block["type"], _lines(block["changes"]))
        else:
            inner = _block_html(block["type"], [escape(line) for line in block["text"].split("\n")])
            if status == "added":
                inner = f"<ins>{inner}</ins>"
            elif status == "removed":
                inner = f"<del>{inner}</del>"
        parts.append(f'<div class="policy-diff-{status}">{inner}</div>')
    return "\n".join(parts)


def diff_summary(blocks: list[dict[str, Any]]) -> dict[str, int]:
    return {status: sum(1 for b in blocks if b["status"] == status) for status in ("added", "removed", "changed")}
