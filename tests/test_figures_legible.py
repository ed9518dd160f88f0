"""Every figure reads where it is read: at the width a notebook shows it (about 1,000 px), no text
smaller than 9 px, no label over a marker, and nothing wider than the pane."""

from __future__ import annotations

import pytest

from cabinet_analysis import figures
from legibility import PANE, labels_over_markers, shown_width, smallest_text_px


@pytest.fixture(scope="module")
def drawn(ctx):
    return figures.build_all(ctx)


@pytest.mark.parametrize("name", figures.NAMES)
def test_text_is_at_least_9_px_in_a_notebook(drawn, name):
    px, text = smallest_text_px(drawn[name])
    assert px >= 9.0, f"{name}: {text!r} shows at {px:.1f} px"


@pytest.mark.parametrize("name", figures.NAMES)
def test_a_notebook_shows_it_at_full_size(drawn, name):
    assert shown_width(drawn[name]) <= PANE + 10, f"{name} is scaled down in a {PANE} px pane"


@pytest.mark.parametrize("name", figures.NAMES)
def test_no_label_over_a_marker(drawn, name):
    assert labels_over_markers(drawn[name]) == []


def test_the_check_finds_a_label_over_a_marker():
    """The overlap check can fail: a label drawn on a point is caught."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], marker="o")
    ax.annotate("on the point", (1, 1), ha="center", va="center")
    plt.close(fig)
    assert labels_over_markers(fig) == ["on the point"]
