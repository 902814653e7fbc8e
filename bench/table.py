"""The README's performance table from ``make bench`` results (one JSON per database)::

    .venv/bin/python bench/table.py bench/results/<time>-sqlite.json bench/results/<time>-postgresql.json

One row per endpoint and cache mode, one column per database and catalogue size: the ratio to the
control of that server (the requests per second in brackets; orders per second for checkout).
"""

import json
import re
import sys
from pathlib import Path


def main(paths: list[str]) -> None:
    runs = [json.loads(Path(path).read_text()) for path in paths]
    columns: list[tuple[str, str]] = []
    cells: dict[tuple[str, str], dict[tuple[str, str], str]] = {}
    targets: dict[tuple[str, str], str] = {}
    for run in runs:
        database = "PostgreSQL" if "PostgreSQL" in run["machine"] else "SQLite"
        for row in run["rows"]:
            if row.get("pending"):
                continue
            column = (database, row["dataset"])
            if column not in columns:
                columns.append(column)
            # Older results named the version published in the label ("... after publish (v2)").
            endpoint = re.sub(r"after publish \(v\d+\)$", "after a publish", row["endpoint"])
            key = (endpoint, row["cache"])
            if row["endpoint"].startswith("checkout"):
                cell = f"{row['rps']:.1f}/s"
            else:
                cell = f"{row['ratio']:.2f} ({row['rps']:.0f})"
            if row.get("errors"):
                cell += f", {row['errors']} errors"
            cells.setdefault(key, {})[column] = cell
            if row.get("target") is not None:
                targets[key] = str(row["target"])
            elif row["endpoint"].startswith("checkout"):
                targets[key] = "100/s (PostgreSQL)"
    header = ["endpoint", "cache", *(f"{db} {int(n):,}" for db, n in columns), "target"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * 2 + "---:|" * len(columns) + "---|")
    for (endpoint, cache), by_column in cells.items():
        values = [by_column.get(column, "–") for column in columns]
        print(f"| {endpoint} | {cache} | " + " | ".join(values) + f" | {targets.get((endpoint, cache), '')} |")
    for run in runs:
        print(f"\n{run['when'][:16]} UTC, {run['machine']}")
        for key, value in run["extra"].items():
            if not isinstance(value, dict):
                print(f"- {key}: {value}")


if __name__ == "__main__":
    main(sys.argv[1:])
