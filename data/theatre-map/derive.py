#!/usr/bin/env python3
"""Derives data/theatre-map/outline.json, the dashboard's outline map of Ukraine and its
neighbours, from Natural Earth's 1:50m admin-0 countries as packaged in world-atlas 2.0.2 (npm).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 data/theatre-map/derive.py package/countries-50m.json > data/theatre-map/outline.json

Steps: decode the TopoJSON arcs (quantised, delta-encoded); keep the countries of WANTED; draw
Crimea within Ukraine's internationally recognised borders (UN General Assembly resolution
68/262, 27 March 2014): Natural Earth 4.1, which world-atlas 2.0.2 packages, assigns it to
Russia, so its polygon (the one of Russia lying wholly in CRIMEA) is moved to Ukraine and merged
with Ukraine's mainland polygon along the arcs they share (the isthmus of Perekop); clip
each ring to the box BOX (longitude, latitude) with Sutherland-Hodgman; project to the page with
an equirectangular projection whose x is scaled by cos(48.3 deg), the middle of the box, so
shapes near 48 N keep their proportions; simplify each ring with Douglas-Peucker at TOLERANCE
page units; write each country as one SVG path (absolute coordinates, one decimal).
Standard library only, deterministic: the same input gives the same bytes.
"""
import json
import math
import sys

# (ISO 3166-1 numeric as world-atlas keys it, alpha-3 code, name shown on the map)
WANTED = [
    ("804", "UKR", "Ukraine"),
    ("616", "POL", "Poland"),
    ("112", "BLR", "Belarus"),
    ("643", "RUS", "Russia"),
    ("498", "MDA", "Moldova"),
    ("642", "ROU", "Romania"),
    ("703", "SVK", "Slovakia"),
    ("348", "HUN", "Hungary"),
    ("100", "BGR", "Bulgaria"),
    ("440", "LTU", "Lithuania"),
    ("203", "CZE", "Czechia"),
    ("688", "SRB", "Serbia"),
    ("792", "TUR", "Turkey"),
    ("268", "GEO", "Georgia"),
]
BOX = (21.0, 43.2, 41.5, 53.4)  # west, south, east, north
CRIMEA = (32.3, 44.3, 36.75, 46.3)  # a box holding the peninsula and no other land of Russia
WIDTH = 720.0
TOLERANCE = 0.9


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def ring(arcs, indices):
    pts = []
    for i in indices:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    return pts


def polygons(geom):
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    return []


def within(arcs, polygon, box):
    w, s, e, n = box
    return all(w <= x <= e and s <= y <= n for r in polygon for i in r for x, y in arcs[i if i >= 0 else ~i])


def merge(arcs, polys):
    """The outer rings of `polys` joined into rings, without the arcs two of them share."""
    refs = [i for p in polys for i in p[0]]
    count = {}
    for i in refs:
        k = i if i >= 0 else ~i
        count[k] = count.get(k, 0) + 1
    left = [i for i in refs if count[i if i >= 0 else ~i] == 1]
    pts = lambda i: arcs[i] if i >= 0 else list(reversed(arcs[~i]))
    rings = []
    while left:
        chain = [left.pop(0)]
        while True:
            end = pts(chain[-1])[-1]
            if end == pts(chain[0])[0]:
                break
            nxt = next((j for j in left if pts(j)[0] == end), None)
            if nxt is None:
                break
            left.remove(nxt)
            chain.append(nxt)
        rings.append([chain])
    return rings


def clip(points, inside, cross):
    out = []
    for i, cur in enumerate(points):
        prev = points[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cross(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cross(prev, cur))
    return out


def clip_box(points):
    w, s, e, n = BOX

    def at_x(x0):
        return lambda p, q: (x0, p[1] + (q[1] - p[1]) * (x0 - p[0]) / (q[0] - p[0]))

    def at_y(y0):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y0 - p[1]) / (q[1] - p[1]), y0)

    for inside, cross in [
        (lambda p: p[0] >= w, at_x(w)),
        (lambda p: p[0] <= e, at_x(e)),
        (lambda p: p[1] >= s, at_y(s)),
        (lambda p: p[1] <= n, at_y(n)),
    ]:
        if not points:
            return []
        points = clip(points, inside, cross)
    return points


K = math.cos(math.radians((BOX[1] + BOX[3]) / 2))
SCALE = WIDTH / ((BOX[2] - BOX[0]) * K)
HEIGHT = (BOX[3] - BOX[1]) * SCALE


def project(lon, lat):
    return ((lon - BOX[0]) * K * SCALE, (BOX[3] - lat) * SCALE)


def simplify(points, tol):
    if len(points) < 3:
        return points

    def dist(p, a, b):
        (x, y), (x1, y1), (x2, y2) = p, a, b
        dx, dy = x2 - x1, y2 - y1
        if dx == dy == 0:
            return math.hypot(x - x1, y - y1)
        t = max(0, min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        return math.hypot(x - x1 - t * dx, y - y1 - t * dy)

    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = 0.0, None
        for k in range(i + 1, j):
            d = dist(points[k], points[i], points[j])
            if d > best:
                best, at = d, k
        if at is not None and best > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep) if k]


def main(path):
    topo = json.load(open(path))
    arcs = decode_arcs(topo)
    by_id = {g.get("id"): g for g in topo["objects"]["countries"]["geometries"]}
    russia = polygons(by_id["643"])
    crimea = [p for p in russia if within(arcs, p, CRIMEA)]
    assert len(crimea) == 1, "Crimea is no longer one polygon of Russia: check the source"
    shapes = {num: polygons(by_id[num]) for num, _, _ in WANTED}
    shapes["643"] = [p for p in russia if p not in crimea]
    ukraine = shapes["804"]
    mainland = max(ukraine, key=lambda p: len(ring(arcs, p[0])))
    joined = merge(arcs, [mainland, crimea[0]])
    assert len(joined) == 1, "Crimea and the mainland do not join along shared arcs"
    shapes["804"] = [p for p in ukraine if p is not mainland] + [joined[0] + mainland[1:]]
    countries = []
    for num, code, name in WANTED:
        parts = []
        for poly in shapes[num]:
            for r in poly:
                pts = clip_box(ring(arcs, r))
                pts = simplify([project(*p) for p in pts], TOLERANCE)
                if len(pts) >= 4:
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        if parts:
            countries.append({"code": code, "name": name, "path": "".join(parts)})
    json.dump(
        {
            "source": "Natural Earth 1:50m admin-0 countries (public domain), via world-atlas 2.0.2 countries-50m.json (ISC licence, Mike Bostock); derived by data/theatre-map/derive.py",
            "box": {"west": BOX[0], "south": BOX[1], "east": BOX[2], "north": BOX[3]},
            "projection": f"equirectangular, x scaled by cos({(BOX[1] + BOX[3]) / 2} deg)",
            "width": round(WIDTH, 1),
            "height": round(HEIGHT, 1),
            "countries": countries,
        },
        sys.stdout,
        indent=1,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
