"""Independent sampler and distance check for scripts/icons.py --check: it reads the original SVG
directly (lines, cubics, quadratics evaluated as quadratics, arcs as ellipse points, shapes from their
attributes) and samples the converted M/L/C/Z output, both as polylines, so that the two drawings can be
compared by their largest mutual distance (a grid-accelerated Hausdorff distance). From svgpath.py it
uses only the tokeniser, the element walk and the arc centre formula, not the conversion. Standard
library only.
"""

import math

from .svgpath import NUM, arc_center, parse_out, parse_path, shape_elements


def _bez(p, t):
    """Point on a Bézier of any degree (de Casteljau)."""
    pts = list(p)
    while len(pts) > 1:
        pts = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in zip(pts, pts[1:])]
    return pts[0]


def _sample_curve(ctrl, step=0.02):
    length = sum(math.dist(a, b) for a, b in zip(ctrl, ctrl[1:]))
    n = max(2, math.ceil(length / step))
    return [_bez(ctrl, i / n) for i in range(n + 1)]


def _sample_ellipse(cx, cy, rx, ry, phi, t1, dt, step=0.02):
    n = max(2, math.ceil(abs(dt) * max(rx, ry) / step))
    cp, sp = math.cos(phi), math.sin(phi)
    out = []
    for i in range(n + 1):
        t = t1 + dt * i / n
        ux, uy = rx * math.cos(t), ry * math.sin(t)
        out.append((cx + cp * ux - sp * uy, cy + sp * ux + cp * uy))
    return out


def sample_direct_path(d):
    """Polylines for SVG path data, evaluating lines, quadratics, cubics and elliptical arcs as
    they are (quadratics as quadratics, arcs as ellipse points), without the cubic conversion."""
    lines, pl = [], None
    pos = start = (0.0, 0.0)
    prev = None  # (command, last control point)
    for cmd, a in parse_path(d):
        up, rel = cmd.upper(), cmd.islower()
        base = pos if rel else (0.0, 0.0)
        P = lambda i: (base[0] + a[i], base[1] + a[i + 1])  # noqa: E731
        ctrl = None
        if up == "M":
            pos = start = P(0)
            pl = [pos]
            lines.append(pl)
            prev = None
            continue
        if up == "Z":
            if pl is not None and len(pl) > 0:
                pl.append(start)
            pos, pl, prev = start, None, None
            continue
        if pl is None:
            pl = [pos]
            lines.append(pl)
        if up == "L":
            pts = [pos, P(0)]
        elif up == "H":
            pts = [pos, ((pos[0] if rel else 0.0) + a[0], pos[1])]
        elif up == "V":
            pts = [pos, (pos[0], (pos[1] if rel else 0.0) + a[0])]
        elif up == "C":
            pts = _sample_curve([pos, P(0), P(2), P(4)])
            ctrl = ("C", P(2))
        elif up == "S":
            r = (2 * pos[0] - prev[1][0], 2 * pos[1] - prev[1][1]) if prev and prev[0] == "C" else pos
            pts = _sample_curve([pos, r, P(0), P(2)])
            ctrl = ("C", P(0))
        elif up == "Q":
            pts = _sample_curve([pos, P(0), P(2)])
            ctrl = ("Q", P(0))
        elif up == "T":
            r = (2 * pos[0] - prev[1][0], 2 * pos[1] - prev[1][1]) if prev and prev[0] == "Q" else pos
            pts = _sample_curve([pos, r, P(0)])
            ctrl = ("Q", r)
        elif up == "A":
            end = P(5)
            if end == pos:
                pts = [pos]
            else:
                c = arc_center(*pos, a[0], a[1], a[2], a[3], a[4], *end)
                pts = [pos, end] if c is None else _sample_ellipse(*c)
                pts[-1] = end
        pl.extend(pts[1:])
        pos = pts[-1]
        prev = ctrl
    return [p for p in lines if len(p) > 1]


def sample_direct_element(el):
    """Polylines for one SVG element, read straight from its attributes."""
    tag = el.tag.split("}")[-1]
    g = lambda k: float(el.get(k, 0))  # noqa: E731
    if tag == "path":
        return sample_direct_path(el.get("d", ""))
    if tag == "circle":
        return [_sample_ellipse(g("cx"), g("cy"), g("r"), g("r"), 0, 0, 2 * math.pi)]
    if tag == "ellipse":
        return [_sample_ellipse(g("cx"), g("cy"), g("rx"), g("ry"), 0, 0, 2 * math.pi)]
    if tag == "line":
        return [[(g("x1"), g("y1")), (g("x2"), g("y2"))]]
    if tag in ("polyline", "polygon"):
        n = [float(v) for v in NUM.findall(el.get("points", ""))]
        pts = list(zip(n[0::2], n[1::2]))
        return [pts + ([pts[0]] if tag == "polygon" else [])]
    if tag == "rect":
        x, y, w, h = g("x"), g("y"), g("width"), g("height")
        rx = el.get("rx") or el.get("ry") or 0
        ry = el.get("ry") or el.get("rx") or 0
        rx, ry = min(float(rx), w / 2), min(float(ry), h / 2)
        if rx == 0:
            return [[(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]]
        q = math.pi / 2
        pts = (_sample_ellipse(x + w - rx, y + ry, rx, ry, 0, -q, q)
               + _sample_ellipse(x + w - rx, y + h - ry, rx, ry, 0, 0, q)
               + _sample_ellipse(x + rx, y + h - ry, rx, ry, 0, q, q)
               + _sample_ellipse(x + rx, y + ry, rx, ry, 0, 2 * q, q))
        return [pts + [pts[0]]]
    raise ValueError(tag)


def sample_converted(paths):
    out = []
    for s in paths:
        pl, start = [], None
        for seg in parse_out(s):
            if seg[0] == "M":
                start = seg[1:]
                pl = [start]
            elif seg[0] == "L":
                pl.append(seg[1:])
            elif seg[0] == "C":
                pl.extend(_sample_curve([pl[-1], seg[1:3], seg[3:5], seg[5:7]])[1:])
            elif seg[0] == "Z":
                pl.append(start)
        out.append(pl)
    return out


def seg_dist(p, a, b):
    vx, vy = b[0] - a[0], b[1] - a[1]
    L = vx * vx + vy * vy
    t = 0.0 if L == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * vx + (p[1] - a[1]) * vy) / L))
    return math.hypot(p[0] - a[0] - t * vx, p[1] - a[1] - t * vy)


def _directed(A, B, cell=0.5):
    """Largest distance from a point of polylines A to the polylines B."""
    grid = {}
    for pl in B:
        for a, b in zip(pl, pl[1:] or pl):
            for gx in range(math.floor(min(a[0], b[0]) / cell), math.floor(max(a[0], b[0]) / cell) + 1):
                for gy in range(math.floor(min(a[1], b[1]) / cell), math.floor(max(a[1], b[1]) / cell) + 1):
                    grid.setdefault((gx, gy), []).append((a, b))
    worst = 0.0
    for pl in A:
        for p in pl:
            gx, gy = math.floor(p[0] / cell), math.floor(p[1] / cell)
            # distance from p to the edge of its own cell: ring r covers at least margin + r * cell
            margin = min(p[0] - gx * cell, (gx + 1) * cell - p[0], p[1] - gy * cell, (gy + 1) * cell - p[1])
            best = math.inf
            for r in range(0, 60):
                for ix in range(gx - r, gx + r + 1):
                    for iy in range(gy - r, gy + r + 1):
                        if max(abs(ix - gx), abs(iy - gy)) != r:
                            continue
                        for a, b in grid.get((ix, iy), ()):
                            best = min(best, seg_dist(p, a, b))
                if best <= margin + r * cell:
                    break
            worst = max(worst, best)
    return worst


def distance(A, B):
    return max(_directed(A, B), _directed(B, A))


def sample_original(svg, project_paths):
    """Polylines of an icon as drawn: its Lucide SVG, or failing that its project path strings."""
    if svg:
        return [pl for el in shape_elements(svg) for pl in sample_direct_element(el)]
    return [pl for d in project_paths for pl in sample_direct_path(d)]
