#!/usr/bin/env python3
"""Builds the web pages' country map from world-atlas (Natural Earth 1:110m, public domain; world-atlas
is ISC-licensed) and i18n-iso-countries' code table (MIT), both from the npm registry:

  curl -s https://registry.npmjs.org/world-atlas/-/world-atlas-2.0.2.tgz | tar xz -C /tmp/wa
  curl -s https://registry.npmjs.org/i18n-iso-countries/-/i18n-iso-countries-7.14.0.tgz | tar xz -C /tmp/iic
  python3 tools/make-world-map.py /tmp/wa/package/countries-110m.json /tmp/iic/package/codes.json \
      server/src/main/resources/org/epicenter/server/web/vendor/world-atlas-2.0.2/world.json

Output: {"viewBox": ..., "countries": {"SA": "M...Z", ...}}, one SVG path per ISO 3166-1 alpha-2
code, equirectangular, half-degree precision, Antarctica left out. Run once; the result is committed.
"""
import json
import sys

topo_path, codes_path, out_path = sys.argv[1:4]
topo = json.load(open(topo_path))
numeric_to_alpha2 = {row[2]: row[0] for row in json.load(open(codes_path))}
scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]

arcs = []
for arc in topo["arcs"]:
    x = y = 0
    points = []
    for dx, dy in arc:
        x += dx
        y += dy
        points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
    arcs.append(points)


def ring(indexes):
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def project(lon, lat):
    return round((lon + 180) * 2), round((83.7 - lat) * 2)  # 83.7 N is the top of Greenland


def path(rings):
    parts = []
    for r in rings:
        # a ring that jumps across the antimeridian is split there, so no line crosses the map
        pieces = [[]]
        previous = None
        for lon, lat in r:
            if previous is not None and abs(lon - previous) > 180:
                pieces.append([])
            previous = lon
            p = project(lon, lat)
            if not pieces[-1] or pieces[-1][-1] != p:
                pieces[-1].append(p)
        for pts in pieces:
            if len(pts) >= 3:
                parts.append("M" + "L".join(f"{x} {y}" for x, y in pts) + "Z")
    return "".join(parts)


countries = {}
for geometry in topo["objects"]["countries"]["geometries"]:
    code = numeric_to_alpha2.get(geometry.get("id"))
    if code is None or code == "AQ":
        continue
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    d = path([ring(r) for polygon in polygons for r in polygon])
    if d:
        countries[code] = countries.get(code, "") + d

json.dump({"viewBox": "0 0 720 290", "source": "Natural Earth 1:110m via world-atlas 2.0.2",
           "countries": dict(sorted(countries.items()))}, open(out_path, "w"), separators=(",", ":"))
print(f"{len(countries)} countries written to {out_path}")
