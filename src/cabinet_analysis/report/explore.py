"""A live explorer for JupyterLab: a control for every coding switch, redrawing the focus-gap table,
the map and the lollipop whenever one changes, and a button back to the default coding.

``Explorer(ctx)`` as a cell's value shows the controls and the three results at the default coding.
Its methods give the same results as plain values for any coding (:meth:`Explorer.table`,
:meth:`Explorer.map`, :meth:`Explorer.lollipop` take a :class:`~cabinet_analysis.coding.choices.CodingChoice`),
so a notebook can show what a setting gives, in a form nbval compares, without moving the live
controls; :meth:`Explorer.set` moves them as a click would. The redraw replaces the output area's
contents through the widget's state rather than by printing, so no output leaks into whichever cell
happens to change a control.
"""

from __future__ import annotations

from dataclasses import asdict, replace

from ..analysis.baselines import REGION_BASELINES
from ..analysis.gaps import focus_gaps
from ..coding.choices import DEFAULT, HAZARAJAT_READINGS, HELMANDI_RULES, ORIGINS, PREFERENCES, CodingChoice
from ..context import Context
from ..figures import draw
from ..vocab import RUSI_SCHEMES
from .display import Table, present

# The focus groups are defined on the commentary's regions, so only its schemes are offered.
OPTIONS = {
    "origin": ORIGINS,
    "prefer": PREFERENCES,
    "helmandi": HELMANDI_RULES,
    "scheme": RUSI_SCHEMES,
    "baseline": REGION_BASELINES,
    "hazarajat": HAZARAJAT_READINGS,
}
# The live table: narrow enough for a notebook's output pane, with who is counted in view.
TABLE_COLUMNS = ["group", "observed", "n", "n_unknown", "expected", "gap_pp", "p_under", "p_holm", "ids"]


def label(choice: CodingChoice) -> str:
    """The switches of ``choice`` that differ from the default, or "default coding"."""
    changed = [f"{k}={v}" for k, v in asdict(choice).items() if getattr(DEFAULT, k) != v]
    return ", ".join(changed) or "default coding"


class Explorer:
    """Controls for ``origin``, ``prefer``, ``helmandi``, ``scheme``, ``baseline`` and ``hazarajat`` over one context."""

    def __init__(self, ctx: Context, choice: CodingChoice = DEFAULT):
        import ipywidgets as widgets

        self.ctx = ctx
        self.controls = {
            name: widgets.Dropdown(
                options=list(values),
                value=getattr(choice, name),
                description=name,
                layout=widgets.Layout(width="300px"),
            )
            for name, values in OPTIONS.items()
        }
        self.reset_button = widgets.Button(
            description="Reset to the default coding", layout=widgets.Layout(width="300px")
        )
        self.reset_button.on_click(lambda _button: self.reset())
        self.output = widgets.Output()
        controls = list(self.controls.values())
        self.widget = widgets.VBox(
            [widgets.HBox(controls[:3]), widgets.HBox(controls[3:]), self.reset_button, self.output]
        )
        for control in self.controls.values():
            control.observe(self._redraw, names="value")
        self._redraw()

    def choice(self) -> CodingChoice:
        """The coding the controls select."""
        return replace(DEFAULT, **{name: c.value for name, c in self.controls.items()})

    def set(self, **values: str) -> CodingChoice:
        """Set controls in code, as a user would with the mouse; returns the new choice."""
        for name, value in values.items():
            if name not in OPTIONS:
                raise ValueError(f"unknown switch {name!r}; choose from {', '.join(OPTIONS)}")
            if value not in OPTIONS[name]:
                raise ValueError(f"{name} must be one of {', '.join(OPTIONS[name])}, not {value!r}")
        for name, value in values.items():  # one redraw for all, not one per control
            self.controls[name].unobserve(self._redraw, names="value")
            self.controls[name].value = value
            self.controls[name].observe(self._redraw, names="value")
        self._redraw()
        return self.choice()

    def reset(self) -> CodingChoice:
        """Every control back to the default coding (the reset button does this)."""
        return self.set(**{name: getattr(DEFAULT, name) for name in OPTIONS})

    def table(self, choice: CodingChoice | None = None) -> Table:
        """The focus-gap table under ``choice`` (default: the controls' choice)."""
        choice = self.choice() if choice is None else choice
        return present(focus_gaps(self.ctx, choice)[TABLE_COLUMNS], "explorer", self.ctx)

    def map(self, choice: CodingChoice | None = None):
        """The origins map under ``choice`` (regions of its scheme; default: the controls' choice)."""
        return draw("origins_map", self.ctx, self.choice() if choice is None else choice)

    def lollipop(self, choice: CodingChoice | None = None):
        """The focus-gap lollipop under ``choice`` (default: the controls' choice)."""
        return draw("focus_gaps", self.ctx, self.choice() if choice is None else choice)

    def label(self) -> str:
        return label(self.choice())

    def _redraw(self, change=None) -> None:
        """Replace the output area's contents with the three results (no-op outside IPython)."""
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover
            return
        shell = get_ipython()
        if shell is None:
            return
        outputs = []
        for obj in (self.table(), self.map(), self.lollipop()):
            data, metadata = shell.display_formatter.format(obj)
            outputs.append({"output_type": "display_data", "data": data, "metadata": metadata})
        self.output.outputs = tuple(outputs)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = (
            f"Explorer ({self.label()}): controls for {', '.join(OPTIONS)}; "
            "live with a running kernel in JupyterLab"
        )
        return bundle
