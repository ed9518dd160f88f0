"""The coding switches: one :class:`CodingChoice` is one combination of them, and :func:`all_choices`
lists every combination the sensitivity grid runs. How a value is read out of the evidence under a
choice is :mod:`cabinet_analysis.coding.reading`."""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, fields, replace

from .groups import HELMANDI
from .regions import READINGS

ORIGINS = ("as_coded", "birth", "family")
PREFERENCES = ("confidence", "un_list")
HELMANDI_RULES = tuple(HELMANDI)  # the registry: cabinet_analysis.coding.groups
ETHNICITY_RULES = ("direct", "imputed")
SCHEMES = ("rusi", "rusi_farah_southwest", "unama", "isaf")
BASELINES = ("population", "provinces", "movement", "emirate")
HAZARAJAT_READINGS = READINGS  # which districts count as Hazarajat: cabinet_analysis.coding.regions

MEDIUM, LOW = "medium", "low"


@dataclass(frozen=True)
class CodingChoice:
    """One combination of coding switches.

    - ``origin``: ``as_coded`` is the default reading (birthplace where a source
      of medium or high confidence gives one, else family origin); ``birth`` and
      ``family`` put that basis first and also admit low-confidence rows, for
      origin, district and tribe.
    - ``prefer``: ``confidence`` ranks values as :mod:`cabinet_analysis.coding.reading` says;
      ``un_list`` reads what the UN sanctions list says wherever it says
      anything (its alternatives then tie, leaving the value unknown). Applies
      to origin and tribe when ``origin`` is not ``as_coded``.
    - ``helmandi``: who counts as a member of the Helmandi Ishaqzai/Alizai
      networks: ``network`` (main network coded ``helmandi``), ``any_network``
      (any network membership), ``tribe`` (Ishaqzai or Alizai), ``tribe_and_helmand``
      (those tribes and origin in Helmand), ``helmand_origin`` (origin in Helmand).
    - ``scheme``: the region scheme of ``regions.csv``.
    - ``baseline``: the yardstick (see :mod:`cabinet_analysis.analysis.baselines`).
    - ``ethnicity``: ``direct`` uses only evidence about the person (medium
      floor); ``imputed`` also admits low-confidence direct evidence and, for a
      person with no direct evidence at all, a value imputed from a group count.
    - ``hazarajat``: which districts count as Hazarajat, for membership and for the
      yardstick: ``majority`` (Hazara-majority districts), ``listed`` (the mixed
      districts too) or ``weighted`` (every listed district, its people weighted by
      its Hazara share); see :mod:`cabinet_analysis.coding.regions`.
    """

    origin: str = "as_coded"
    prefer: str = "confidence"
    helmandi: str = "network"
    scheme: str = "rusi"
    baseline: str = "population"
    ethnicity: str = "direct"
    hazarajat: str = "majority"

    def __post_init__(self) -> None:
        for name, allowed in (
            ("origin", ORIGINS),
            ("prefer", PREFERENCES),
            ("helmandi", HELMANDI_RULES),
            ("scheme", SCHEMES),
            ("baseline", BASELINES),
            ("ethnicity", ETHNICITY_RULES),
            ("hazarajat", HAZARAJAT_READINGS),
        ):
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}")

    def label(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items())

    def reading(self) -> CodingChoice:
        """The switches that change how persons are read (not the baseline)."""
        return replace(self, baseline=BASELINES[0])


DEFAULT = CodingChoice()


def all_choices(schemes, baselines, hazarajat=HAZARAJAT_READINGS) -> list[CodingChoice]:
    """Every distinct combination of the origin, prefer, helmandi, scheme, baseline and hazarajat switches
    (``prefer`` only matters when origin is not as_coded; ``ethnicity`` has its own tables)."""
    out = []
    for origin, prefer, helmandi, scheme, baseline, hz in itertools.product(
        ORIGINS, PREFERENCES, HELMANDI_RULES, schemes, baselines, hazarajat
    ):
        if origin == "as_coded" and prefer != PREFERENCES[0]:
            continue
        out.append(CodingChoice(origin, prefer, helmandi, scheme, baseline, hazarajat=hz))
    return out


def choice_fields() -> list[str]:
    return [f.name for f in fields(CodingChoice)]
