"""Small text helpers shared by the figures."""

from __future__ import annotations

import textwrap


def join(items: list[str], word: str = "or") -> str:
    """ "a", "a or b", "a, b or c"; "no group" for none."""
    return (
        items[0]
        if len(items) == 1
        else f"{', '.join(items[:-1])} {word} {items[-1]}"
        if items
        else "no group"
    )


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))
