"""Province boundaries: decode geoBoundaries TopoJSON, read and check the shipped GeoJSON.

The project ships ``data/boundaries.geojson``, derived from the geoBoundaries
ADM1 TopoJSON (public domain; see ``docs/codebook.md``) by
:func:`topojson_to_geojson` and written by :func:`geojson_text`. Features keep
the source's ``shapeName``, ``shapeISO`` and ``shapeID``; they are joined to
``provinces.csv`` on the name, through its spelling variants (the source spells
Ghazni "Ghanzi", and its ISO codes for Kandahar and Badakhshan are not ISO
3166-2), never on the codes. No geopandas: 34 polygons need only ``json`` and
matplotlib's ``Path``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .problems import DataError, Problem
from .provinces import ProvinceIndex

BOUNDARIES_FILE = "boundaries.geojson"
DECIMALS = 5  # about one metre; the source's quantisation step is about 70 m


def _decode_arcs(topo: dict) -> list[np.ndarray]:
    """Absolute lon/lat coordinates of every arc (delta-decoded, then transformed)."""
    scale = np.asarray(topo["transform"]["scale"], dtype=float)
    translate = np.asarray(topo["transform"]["translate"], dtype=float)
    return [np.cumsum(np.asarray(arc, dtype=float), axis=0) * scale + translate for arc in topo["arcs"]]


def _ring(arc_ids: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    """Stitch a ring from arc indices; ``~i`` is arc ``i`` reversed (TopoJSON spec, section 2.2.2.1)."""
    parts = []
    for k, i in enumerate(arc_ids):
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(a if k == 0 else a[1:])
    return np.concatenate(parts)


def topojson_to_geojson(topo: dict, decimals: int = DECIMALS) -> dict:
    """A GeoJSON FeatureCollection with the topology's Polygon and MultiPolygon geometries."""
    arcs = _decode_arcs(topo)
    features = []
    for obj in topo["objects"].values():
        for geom in obj["geometries"]:
            if geom["type"] == "Polygon":
                polygons = [geom["arcs"]]
            elif geom["type"] == "MultiPolygon":
                polygons = geom["arcs"]
            else:
                raise ValueError(f"unsupported geometry type {geom['type']!r}")
            coords = [[np.round(_ring(r, arcs), decimals).tolist() for r in poly] for poly in polygons]
            props = {k: geom["properties"][k] for k in ("shapeName", "shapeISO", "shapeID")}
            features.append(
                {
                    "type": "Feature",
                    "properties": props,
                    "geometry": {"type": "MultiPolygon", "coordinates": coords},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def geojson_text(collection: dict) -> str:
    """Deterministic text: one feature per line, so a changed province shows as one changed line."""
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in collection["features"]]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


@dataclass(frozen=True)
class Boundaries:
    """Each canonical province's polygons: a list of rings (exterior first), each an (n, 2) lon/lat array."""

    polygons: dict[str, list[list[np.ndarray]]]

    def bounds(self) -> tuple[float, float, float, float]:
        pts = np.concatenate([ring for polys in self.polygons.values() for poly in polys for ring in poly])
        return float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())

    def aspect(self) -> float:
        """Axes aspect (y units per x unit) that makes a degree of longitude as long as on the ground
        at the mean latitude: 1 / cos(latitude)."""
        _, lat0, _, lat1 = self.bounds()
        return 1.0 / math.cos(math.radians((lat0 + lat1) / 2))


def load_boundaries(path: Path, provinces: ProvinceIndex, expected: set[str]) -> Boundaries:
    """Read the shipped GeoJSON and join it to the provinces; DataError on any problem.

    Checks: every feature names a province of ``provinces.csv`` (through its
    variants), each province appears exactly once, none is missing, and every
    ring is closed with at least four points.
    """
    name = path.name
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
    except FileNotFoundError:
        raise DataError([Problem(name, 0, "", f"file not found: {path}")]) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError([Problem(name, 0, "", f"not a GeoJSON FeatureCollection: {exc}")]) from None
    problems: list[Problem] = []
    polygons: dict[str, list[list[np.ndarray]]] = {}
    for i, feature in enumerate(features, start=1):
        where = f"feature {i}"
        shape = str(feature.get("properties", {}).get("shapeName", ""))
        canonical = provinces.resolve(shape) if shape else None
        if canonical is None:
            problems.append(Problem(name, 0, "shapeName", f"{where}: {provinces.unknown_message(shape)}"))
            continue
        if canonical in polygons:
            problems.append(Problem(name, 0, "shapeName", f"{where}: {canonical} appears twice"))
            continue
        geom = feature.get("geometry") or {}
        coords = geom.get("coordinates", [])
        if geom.get("type") == "Polygon":
            coords = [coords]
        rings = [[np.asarray(r, dtype=float) for r in poly] for poly in coords]
        for poly in rings:
            for ring in poly:
                if ring.ndim != 2 or len(ring) < 4 or not np.array_equal(ring[0], ring[-1]):
                    problems.append(
                        Problem(name, 0, "coordinates", f"{where} ({canonical}): a ring is not closed")
                    )
        polygons[canonical] = rings
    for missing in sorted(expected - set(polygons)):
        problems.append(Problem(name, 0, "shapeName", f"no boundary for {missing}"))
    if problems:
        raise DataError(problems)
    return Boundaries({k: polygons[k] for k in sorted(polygons)})
