"""SVG geometry for scripts/icons.py: tokenising SVG path data, turning every element Lucide uses
(path, circle, ellipse, rect, line, polyline, polygon) into path data, and converting that path data
to subpaths of absolute M, L, C and Z only, with quadratics raised to cubics and elliptical arcs split
into cubics of at most 90 degrees (SVG 1.1 appendix F.6), plus the 3-decimal output format and its
parser. Standard library only.
"""

import math
import re
import xml.etree.ElementTree as ET

# ---------------------------------------------------------------------------------------------
# SVG path data tokenising

NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_CMDS = "MmLlHhVvCcSsQqTtAaZz"
_ARGC = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


class _Scanner:
    def __init__(self, d):
        self.d, self.i = d, 0

    def skip(self):
        while self.i < len(self.d) and self.d[self.i] in " \t\r\n,":
            self.i += 1

    def at_end(self):
        self.skip()
        return self.i >= len(self.d)

    def peek_number(self):
        self.skip()
        return self.i < len(self.d) and (self.d[self.i].isdigit() or self.d[self.i] in "+-.")

    def command(self):
        self.skip()
        c = self.d[self.i]
        if c not in _CMDS:
            raise ValueError(f"bad path data at {self.i}: {self.d[self.i:self.i + 20]!r}")
        self.i += 1
        return c

    def number(self):
        self.skip()
        m = NUM.match(self.d, self.i)
        if not m:
            raise ValueError(f"number expected at {self.i}: {self.d[self.i:self.i + 20]!r}")
        self.i = m.end()
        return float(m.group())

    def flag(self):
        self.skip()
        c = self.d[self.i] if self.i < len(self.d) else ""
        if c not in "01":
            raise ValueError(f"arc flag expected at {self.i}: {self.d[self.i:self.i + 20]!r}")
        self.i += 1
        return c == "1"


def parse_path(d):
    """Yield (command, args) with the command letter as written and implicit repeats made explicit."""
    s = _Scanner(d)
    cmd = None
    while not s.at_end():
        if s.peek_number():
            if cmd is None or cmd in "Zz":
                raise ValueError(f"path data must start with a command: {d!r}")
            cmd = {"M": "L", "m": "l"}.get(cmd, cmd)  # coordinates after a moveto are linetos
        else:
            cmd = s.command()
        up = cmd.upper()
        if up == "A":
            args = [s.number(), s.number(), s.number(), s.flag(), s.flag(), s.number(), s.number()]
        else:
            args = [s.number() for _ in range(_ARGC[up])]
        yield cmd, args


# ---------------------------------------------------------------------------------------------
# Conversion to M / L / C / Z


def arc_center(x1, y1, rx, ry, phi_deg, large, sweep, x2, y2):
    """SVG 1.1 F.6.5/F.6.6: endpoint to center parameterisation.
    Returns (cx, cy, rx, ry, phi, theta1, dtheta) or None when the arc is a straight line."""
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        return None
    phi = math.radians(phi_deg % 360)
    cp, sp = math.cos(phi), math.sin(phi)
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    x1p = cp * dx + sp * dy
    y1p = -sp * dx + cp * dy
    lam = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry)
    if lam > 1:
        rx *= math.sqrt(lam)
        ry *= math.sqrt(lam)
    num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p
    den = rx * rx * y1p * y1p + ry * ry * x1p * x1p
    coef = math.sqrt(max(0.0, num / den)) if den else 0.0
    if large == sweep:
        coef = -coef
    cxp = coef * rx * y1p / ry
    cyp = -coef * ry * x1p / rx
    cx = cp * cxp - sp * cyp + (x1 + x2) / 2
    cy = sp * cxp + cp * cyp + (y1 + y2) / 2
    t1 = math.atan2((y1p - cyp) / ry, (x1p - cxp) / rx)
    t2 = math.atan2((-y1p - cyp) / ry, (-x1p - cxp) / rx)
    dt = t2 - t1
    if sweep and dt < 0:
        dt += 2 * math.pi
    elif not sweep and dt > 0:
        dt -= 2 * math.pi
    return cx, cy, rx, ry, phi, t1, dt


def arc_to_cubics(x1, y1, rx, ry, phi_deg, large, sweep, x2, y2):
    """Cubic segments [(c1x, c1y, c2x, c2y, x, y), ...] for an SVG arc, each at most 90 degrees."""
    if (x1, y1) == (x2, y2):
        return []
    c = arc_center(x1, y1, rx, ry, phi_deg, large, sweep, x2, y2)
    if c is None:
        return None
    cx, cy, rx, ry, phi, t1, dt = c
    n = max(1, math.ceil(abs(dt) / (math.pi / 2) - 1e-9))
    delta = dt / n
    k = 4 / 3 * math.tan(delta / 4)
    cp, sp = math.cos(phi), math.sin(phi)

    def pt(ux, uy):
        return cx + rx * cp * ux - ry * sp * uy, cy + rx * sp * ux + ry * cp * uy

    out = []
    for i in range(n):
        a, b = t1 + i * delta, t1 + (i + 1) * delta
        ca, sa, cb, sb = math.cos(a), math.sin(a), math.cos(b), math.sin(b)
        p1 = pt(ca - k * sa, sa + k * ca)
        p2 = pt(cb + k * sb, sb - k * cb)
        p3 = (x2, y2) if i == n - 1 else pt(cb, sb)
        out.append((*p1, *p2, *p3))
    return out


def convert_path(d):
    """SVG path data -> list of subpaths; each a list of ('M', x, y), ('L', x, y),
    ('C', x1, y1, x2, y2, x, y), ('Z',), starting with 'M'."""
    subpaths = []
    cur = None                 # the subpath being built
    x = y = 0.0
    sx = sy = 0.0              # start of the current subpath
    last_c2 = None             # second control point of the previous C/S, for S
    last_q = None              # control point of the previous Q/T, for T
    after_close = False

    def ensure_open():
        nonlocal cur, after_close
        if cur is None or after_close:
            cur = [("M", x, y)]
            subpaths.append(cur)
            after_close = False

    for cmd, a in parse_path(d):
        rel = cmd.islower()
        up = cmd.upper()
        ox, oy = (x, y) if rel else (0.0, 0.0)
        new_c2 = new_q = None
        if up == "M":
            x, y = ox + a[0], oy + a[1]
            sx, sy = x, y
            cur = [("M", x, y)]
            subpaths.append(cur)
            after_close = False
        elif up == "Z":
            if cur is not None and not after_close:
                cur.append(("Z",))
            x, y = sx, sy
            after_close = True
        elif up in "LHV":
            ensure_open()
            if up == "L":
                x, y = ox + a[0], oy + a[1]
            elif up == "H":
                x = (x if rel else 0.0) + a[0]
            else:
                y = (y if rel else 0.0) + a[0]
            cur.append(("L", x, y))
        elif up in "CS":
            ensure_open()
            if up == "C":
                c1 = (ox + a[0], oy + a[1])
                c2 = (ox + a[2], oy + a[3])
                e = (ox + a[4], oy + a[5])
            else:
                c1 = (2 * x - last_c2[0], 2 * y - last_c2[1]) if last_c2 else (x, y)
                c2 = (ox + a[0], oy + a[1])
                e = (ox + a[2], oy + a[3])
            cur.append(("C", *c1, *c2, *e))
            x, y = e
            new_c2 = c2
        elif up in "QT":
            ensure_open()
            if up == "Q":
                q = (ox + a[0], oy + a[1])
                e = (ox + a[2], oy + a[3])
            else:
                q = (2 * x - last_q[0], 2 * y - last_q[1]) if last_q else (x, y)
                e = (ox + a[0], oy + a[1])
            c1 = (x + 2 / 3 * (q[0] - x), y + 2 / 3 * (q[1] - y))
            c2 = (e[0] + 2 / 3 * (q[0] - e[0]), e[1] + 2 / 3 * (q[1] - e[1]))
            cur.append(("C", *c1, *c2, *e))
            x, y = e
            new_q = q
        elif up == "A":
            ensure_open()
            e = (ox + a[5], oy + a[6])
            segs = arc_to_cubics(x, y, a[0], a[1], a[2], a[3], a[4], *e)
            if segs is None:
                cur.append(("L", *e))
            else:
                cur.extend(("C", *s) for s in segs)
            x, y = e
        last_c2, last_q = new_c2, new_q
    out = []
    for sp in subpaths:
        # Zero-length lines (a rect whose corner radius eats its side) are dropped, unless that is
        # all the subpath has: then it is a dot. A lone moveto draws nothing.
        kept = [sp[0]] + [seg for prev, seg in zip(sp, sp[1:])
                          if not (seg[0] == "L" and seg[1:] == prev[-2:] and prev[0] != "Z")]
        if len(kept) == 1 and len(sp) > 1:
            kept = sp
        if len(kept) > 1:
            out.append(kept)
    return out


def _f(v):
    return float(v)


def element_to_d(el):
    """SVG path data for one shape element (None for elements that draw nothing)."""
    tag = el.tag.split("}")[-1]
    g = lambda k, dflt=0.0: _f(el.get(k, dflt))  # noqa: E731
    if tag == "path":
        return el.get("d", "")
    if tag in ("circle", "ellipse"):
        cx, cy = g("cx"), g("cy")
        rx, ry = (g("r"), g("r")) if tag == "circle" else (g("rx"), g("ry"))
        if rx <= 0 or ry <= 0:
            return None
        return (f"M{cx + rx} {cy}A{rx} {ry} 0 0 1 {cx} {cy + ry}A{rx} {ry} 0 0 1 {cx - rx} {cy}"
                f"A{rx} {ry} 0 0 1 {cx} {cy - ry}A{rx} {ry} 0 0 1 {cx + rx} {cy}Z")
    if tag == "rect":
        x, y, w, h = g("x"), g("y"), g("width"), g("height")
        if w <= 0 or h <= 0:
            return None
        rx, ry = el.get("rx"), el.get("ry")
        rx = _f(rx) if rx not in (None, "auto") else None
        ry = _f(ry) if ry not in (None, "auto") else None
        if rx is None:
            rx = ry
        if ry is None:
            ry = rx
        rx, ry = min(abs(rx or 0.0), w / 2), min(abs(ry or 0.0), h / 2)
        if rx == 0 or ry == 0:
            return f"M{x} {y}H{x + w}V{y + h}H{x}Z"
        return (f"M{x + rx} {y}H{x + w - rx}A{rx} {ry} 0 0 1 {x + w} {y + ry}V{y + h - ry}"
                f"A{rx} {ry} 0 0 1 {x + w - rx} {y + h}H{x + rx}A{rx} {ry} 0 0 1 {x} {y + h - ry}"
                f"V{y + ry}A{rx} {ry} 0 0 1 {x + rx} {y}Z")
    if tag == "line":
        return f"M{g('x1')} {g('y1')}L{g('x2')} {g('y2')}"
    if tag in ("polyline", "polygon"):
        nums = [float(n) for n in NUM.findall(el.get("points", ""))]
        if len(nums) < 4:
            return None
        pts = list(zip(nums[0::2], nums[1::2]))
        d = f"M{pts[0][0]} {pts[0][1]}" + "".join(f"L{px} {py}" for px, py in pts[1:])
        return d + ("Z" if tag == "polygon" else "")
    raise ValueError(f"unsupported SVG element <{tag}>")


def shape_elements(svg_text):
    """The drawing elements of a Lucide SVG, in document order."""
    root = ET.fromstring(svg_text)
    out = []

    def walk(node):
        for el in node:
            tag = el.tag.split("}")[-1]
            if el.get("transform"):
                raise ValueError("transform attributes are not supported")
            if tag == "g":
                walk(el)
            elif tag in ("title", "desc", "defs", "metadata"):
                continue
            else:
                out.append(el)

    walk(root)
    return out


def convert_svg(svg_text):
    subpaths = []
    for el in shape_elements(svg_text):
        d = element_to_d(el)
        if d:
            subpaths.extend(convert_path(d))
    return subpaths


def fmt(v):
    s = f"{round(v, 3):.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def subpath_str(sp):
    return " ".join(seg[0] + "".join(" " + fmt(v) for v in seg[1:]) for seg in sp)


def parse_out(s):
    """Our own output string back to segments (used by the checks)."""
    toks = s.split()
    segs, i = [], 0
    while i < len(toks):
        c = toks[i]
        n = {"M": 2, "L": 2, "C": 6, "Z": 0}[c]
        segs.append((c, *map(float, toks[i + 1:i + 1 + n])))
        i += 1 + n
    return segs
