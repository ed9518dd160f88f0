"""The province boundaries: decoded correctly, joined to every province once, drawn as a map."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cabinet_analysis.data.boundaries import (
    BOUNDARIES_FILE,
    geojson_text,
    load_boundaries,
    topojson_to_geojson,
)
from cabinet_analysis.data.problems import DataError
from cabinet_analysis.data.provinces import ProvinceIndex

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "geo" / "geoBoundaries-AFG-ADM1_simplified.topojson"


def test_34_provinces_each_once_every_ring_closed(ctx):
    b = ctx.ds.boundaries
    assert sorted(b.polygons) == sorted(ctx.ds.provinces["province"])
    assert len(b.polygons) == 34
    for name, polys in b.polygons.items():
        assert polys, name
        for ring in (r for p in polys for r in p):
            assert len(ring) >= 4 and np.array_equal(ring[0], ring[-1]), name


def test_every_feature_joins_through_the_spellings(ctx):
    features = json.loads((ROOT / "data" / BOUNDARIES_FILE).read_text())["features"]
    names = {f["properties"]["shapeName"] for f in features}
    assert "Ghanzi" in names and "Ghazni" not in names  # the source's spelling, joined through provinces.csv
    index, _ = ProvinceIndex.build(ctx.ds.provinces)
    assert sorted(index.resolve(n) for n in names) == sorted(ctx.ds.provinces["province"])


def test_centroids_fall_inside_their_province_bounds(ctx):
    """The join is right if each province's centroid (provinces.csv) lies within its own polygon's box."""
    for row in ctx.ds.provinces.itertuples():
        ring = np.concatenate([r for p in ctx.ds.boundaries.polygons[row.province] for r in p])
        assert ring[:, 0].min() <= row.lon <= ring[:, 0].max(), row.province
        assert ring[:, 1].min() <= row.lat <= ring[:, 1].max(), row.province


def test_aspect_is_right_for_the_latitude(ctx):
    assert ctx.ds.boundaries.aspect() == pytest.approx(1 / np.cos(np.radians(34.2)), abs=0.01)


def test_toy_topology_decodes_arcs_transform_and_reversal():
    topo = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [60.0, 30.0]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        "objects": {
            "x": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[0, 1]],
                        "properties": {"shapeName": "Kabul", "shapeISO": "AF-KAB", "shapeID": "k"},
                    },
                    {
                        "type": "Polygon",
                        "arcs": [[~1, ~0]],
                        "properties": {"shapeName": "Logar", "shapeISO": "AF-LOG", "shapeID": "l"},
                    },
                ],
            }
        },
    }
    gj = topojson_to_geojson(topo)
    ring = gj["features"][0]["geometry"]["coordinates"][0][0]
    assert ring == [[60.0, 30.0], [61.0, 30.0], [61.0, 31.0], [60.0, 31.0], [60.0, 30.0]]
    assert gj["features"][1]["geometry"]["coordinates"][0][0] == ring[::-1]


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/geo is not beside the checkout")
def test_shipped_geojson_is_derived_from_the_shared_topojson():
    derived = geojson_text(topojson_to_geojson(json.loads(SHARED.read_text())))
    assert (ROOT / "data" / BOUNDARIES_FILE).read_text() == derived, (
        "data/boundaries.geojson is stale: run `cabinet-analysis boundaries`"
    )


def test_source_and_licence_are_recorded(ctx):
    src = ctx.ds.sources.set_index("source_id").loc["geoboundaries_afg_adm1"]
    assert "geoBoundaries" in src["publisher"] and "0ff91a88d2f265575e225c4c5cfb229b86e1c7cd" in src["url"]
    codebook = (ROOT / "docs" / "codebook.md").read_text()
    assert "## data/boundaries.geojson" in codebook and "public domain" in codebook.lower()


def _write(tmp_path, features):
    path = tmp_path / BOUNDARIES_FILE
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_broken_boundaries_are_reported(ctx, tmp_path):
    index, _ = ProvinceIndex.build(ctx.ds.provinces)
    square = [[[[60, 30], [61, 30], [61, 31], [60, 30]]]]
    open_ring = [[[[60, 30], [61, 30], [61, 31], [60, 31]]]]
    feats = [
        {"properties": {"shapeName": "Kabul"}, "geometry": {"type": "MultiPolygon", "coordinates": square}},
        {"properties": {"shapeName": "Kabol"}, "geometry": {"type": "MultiPolygon", "coordinates": square}},
        {
            "properties": {"shapeName": "Atlantis"},
            "geometry": {"type": "MultiPolygon", "coordinates": square},
        },
        {
            "properties": {"shapeName": "Logar"},
            "geometry": {"type": "MultiPolygon", "coordinates": open_ring},
        },
    ]
    with pytest.raises(DataError) as err:
        load_boundaries(_write(tmp_path, feats), index, {"Kabul", "Logar", "Herat"})
    assert [str(p) for p in err.value.problems] == [
        "boundaries.geojson:coordinates: feature 4 (Logar): a ring is not closed",
        "boundaries.geojson:shapeName: feature 2: Kabul appears twice",
        "boundaries.geojson:shapeName: feature 3: unknown province 'Atlantis' (not a name or spelling variant in provinces.csv)",
        "boundaries.geojson:shapeName: no boundary for Herat",
    ]


def test_not_geojson_is_one_message(ctx, tmp_path):
    index, _ = ProvinceIndex.build(ctx.ds.provinces)
    path = tmp_path / BOUNDARIES_FILE
    path.write_text("{not json")
    with pytest.raises(DataError) as err:
        load_boundaries(path, index, set())
    assert len(err.value.problems) == 1 and "not a GeoJSON FeatureCollection" in str(err.value.problems[0])
