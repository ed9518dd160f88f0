"""The column tables of ``docs/codebook.md``, generated from ``data/datapackage.json``.

The descriptor is the one place where fields, types, vocabularies and
descriptions live; the codebook keeps the prose coding rules and shows each
file's columns as a table generated here, between ``<!-- fields:NAME -->`` and
``<!-- /fields -->`` markers. ``build`` rewrites those tables; a test checks
that the committed codebook is current.
"""

from __future__ import annotations

import re

from .package import read_descriptor

# A table runs from its opening marker to the next closing one, never past another opening marker (a
# missing closing marker is an error, not a licence to swallow the sections that follow).
MARKER = re.compile(r"(<!-- fields:(\w+) -->\n)((?:(?!<!-- fields:).)*?)(<!-- /fields -->)", re.S)


def _vocabulary(field: dict) -> str:
    c = field.get("constraints", {})
    parts = []
    if field.get("type", "string") != "string":
        parts.append(field["type"])
    if "enum" in c:
        parts.append(", ".join(f"`{v}`" for v in c["enum"]))
    if "minimum" in c or "maximum" in c:
        parts.append(f"{c.get('minimum', '')}..{c.get('maximum', '')}")
    if field.get("x-list"):
        ref = field["x-list"].get("foreignKey")
        parts.append("`;`-separated" + (f" ids of {ref['resource']}.csv" if ref else ""))
    if c.get("required"):
        parts.append("required")
    if c.get("unique"):
        parts.append("unique")
    return "; ".join(parts)


def field_table(resource: dict) -> str:
    """A Markdown table of one resource's fields: column, meaning, vocabulary and rules."""
    schema = resource["schema"]
    lines = ["| column | meaning | values |", "|---|---|---|"]
    for f in schema["fields"]:
        lines.append(f"| `{f['name']}` | {f.get('description', '')} | {_vocabulary(f)} |")
    keys = []
    if schema.get("primaryKey"):
        keys.append("Primary key: " + ", ".join(f"`{k}`" for k in schema["primaryKey"]) + ".")
    for fk in schema.get("foreignKeys", []):
        keys.append(
            f"`{fk['fields'][0]}` refers to `{fk['reference']['fields'][0]}` of {fk['reference']['resource']}.csv."
        )
    return "\n".join(lines) + ("\n\n" + " ".join(keys) if keys else "") + "\n"


BLOCK = re.compile(r"(<!-- block:(\w+) -->\n)(.*?)(<!-- /block -->)", re.S)


def render(text: str, data_dir, blocks: dict[str, str] | None = None) -> str:
    """``text`` (the codebook) with every generated table replaced by the descriptor's current one, and every
    ``<!-- block:NAME -->`` replaced by ``blocks[NAME]`` (tables that other layers generate, such as the
    claim kinds)."""
    resources = {r["name"]: r for r in read_descriptor(data_dir)["resources"]}
    opened, closed = text.count("<!-- fields:"), text.count("<!-- /fields -->")
    if opened != closed:
        raise ValueError(
            f"the codebook has {opened} table markers and {closed} closing markers; every <!-- fields:NAME --> needs its <!-- /fields -->"
        )

    def table(m: re.Match) -> str:
        return m.group(1) + field_table(resources[m.group(2)]) + m.group(4)

    text = MARKER.sub(table, text)
    blocks = blocks or {}
    return BLOCK.sub(
        lambda m: m.group(1) + blocks[m.group(2)] + m.group(4) if m.group(2) in blocks else m.group(0), text
    )
