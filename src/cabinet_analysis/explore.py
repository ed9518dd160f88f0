"""A live explorer for JupyterLab: a control for every coding switch, redrawing the
focus-gap table, the map and the lollipop whenever one changes.

``Explorer(ctx)`` as a cell's value shows the controls and the three results.
Its methods give the same results as plain values, so a notebook can set the
switches in code (:meth:`Explorer.set`) and show what a user would see, in a
form nbval compares. The redraw replaces the output area's contents through the
widget's state rather than by printing, so no output leaks into whichever cell
happens to change a control.
"""

from __future__ import annotations

from dataclasses import asdict, replace

import pandas as pd

from .baselines import REGION_BASELINES
from .choices import DEFAULT, HELMANDI_RULES, ORIGINS, PREFERENCES, CodingChoice
from .context import Context
from .figures import focus_lollipop, origins_map
from .gaps import focus_gaps
from .report import present
from .vocab import RUSI_SCHEMES

# The focus groups are defined on the commentary's regions, so only its schemes are offered.
OPTIONS = {"origin": ORIGINS, "prefer": PREFERENCES, "helmandi": HELMANDI_RULES, "scheme": RUSI_SCHEMES, "baseline": REGION_BASELINES}


class Explorer:
    """Controls for ``origin``, ``prefer``, ``helmandi``, ``scheme`` and ``baseline`` over one context."""

    def __init__(self, ctx: Context, choice: CodingChoice = DEFAULT):
        import ipywidgets as widgets

        self.ctx = ctx
        self.controls = {
            name: widgets.Dropdown(options=list(values), value=getattr(choice, name), description=name)
            for name, values in OPTIONS.items()
        }
        self.output = widgets.Output()
        self.widget = widgets.VBox([widgets.HBox(list(self.controls.values())[:3]),
                                    widgets.HBox(list(self.controls.values())[3:]), self.output])
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

    def table(self) -> pd.DataFrame:
        """The focus-gap table under the current choice."""
        return present(focus_gaps(self.ctx, self.choice()), "focus_gaps")

    def map(self):
        """The origins map under the current choice (regions of the chosen scheme)."""
        choice = self.choice()
        regions = self.ctx.ds.regions[self.ctx.ds.regions["scheme"] == choice.scheme]
        return origins_map(self.ctx.appointees(choice), self.ctx.ds.provinces, regions, self.ctx.ds.boundaries)

    def lollipop(self):
        """The focus-gap lollipop under the current choice."""
        return focus_lollipop(focus_gaps(self.ctx, self.choice()))

    def label(self) -> str:
        changed = [f"{k}={v}" for k, v in asdict(self.choice()).items() if getattr(DEFAULT, k) != v]
        return ", ".join(changed) or "default coding"

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
        bundle["text/plain"] = (f"Explorer ({self.label()}): controls for {', '.join(OPTIONS)}; "
                                "live with a running kernel in JupyterLab")
        return bundle
