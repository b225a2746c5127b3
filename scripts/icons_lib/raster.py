"""Contact sheet for scripts/icons.py --check: an SVG with, for each icon, the original, the
converted paths, the two overlaid and the converted icon at 18 pt; rendered to PNG with rsvg-convert,
inkscape or ImageMagick when one is installed, else with the tiny built-in rasteriser here (round-capped
thick polylines on an RGB canvas, written as PNG through zlib), which draws the same sheet without the
labels from the samplers in sample.py. Standard library only.
"""

import math
import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib

from .sample import sample_converted, sample_original, seg_dist
from .svgpath import shape_elements

STYLE = 'fill="none" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"'


def svg_inner(svg_text):
    """The drawing elements of a Lucide SVG as markup."""
    return "".join(ET.tostring(el, encoding="unicode").replace(' xmlns="http://www.w3.org/2000/svg"', "")
                   for el in shape_elements(svg_text))


def contact_sheet(icons, project):
    """The sheet as SVG text, with its width and height; project: name -> path strings."""
    cell, pad, label_h = 96, 12, 18
    cols = 4  # original, converted, overlay, 18 pt
    group_w = pad + cols * (cell + pad) + 24
    rows = (len(icons) + 1) // 2  # two icons side by side per row
    w = 2 * group_w + pad
    h = pad + rows * (cell + pad + label_h)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
           f'<rect width="{w}" height="{h}" fill="white"/>']
    s = cell / 24
    small = 1  # 18 pt at 96 px per inch = 24 px
    for i, (name, source, paths, svg) in enumerate(icons):
        gx = (i // rows) * group_w
        y0 = pad + (i % rows) * (cell + pad + label_h)
        out.append(f'<text x="{gx + pad}" y="{y0 + 13}" font-family="sans-serif" font-size="13">'
                   f'{name} ({source})</text>')
        y = y0 + label_h
        conv = "".join(f'<path d="{p}"/>' for p in paths)
        orig = svg_inner(svg) if svg else "".join(f'<path d="{d}"/>' for d in project[name])
        for c in range(cols):
            x = gx + pad + c * (cell + pad)
            out.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="none" stroke="#ccc"/>')
        x = gx + pad
        out.append(f'<g transform="translate({x} {y}) scale({s})" stroke="black" {STYLE}>{orig}</g>')
        x += cell + pad
        out.append(f'<g transform="translate({x} {y}) scale({s})" stroke="black" {STYLE}>{conv}</g>')
        x += cell + pad
        out.append(f'<g transform="translate({x} {y}) scale({s})" stroke="#f99" {STYLE}>{orig}</g>')
        out.append(f'<g transform="translate({x} {y}) scale({s})" stroke="black" fill="none" '
                   f'stroke-width="0.25" stroke-linecap="round" stroke-linejoin="round">{conv}</g>')
        x += cell + pad
        out.append(f'<g transform="translate({x + 36} {y + 36}) scale({small})" stroke="black" {STYLE}>'
                   f'{conv}</g>')
    out.append("</svg>")
    return "\n".join(out), w, h


def render_external(svg_path, png_path):
    for tool, args in (("rsvg-convert", ["-o", png_path, svg_path]),
                       ("inkscape", [svg_path, "--export-type=png", f"--export-filename={png_path}"]),
                       ("convert", [svg_path, png_path])):
        exe = shutil.which(tool)
        if not exe:
            continue
        r = subprocess.run([exe, *args], capture_output=True, text=True)
        if r.returncode == 0 and os.path.exists(png_path) and os.path.getsize(png_path) > 0:
            return tool
    return None


class Raster:
    """A tiny RGB canvas: round-capped thick polylines, PNG out via zlib."""

    def __init__(self, w, h):
        self.w, self.h = w, h
        self.px = bytearray(b"\xff" * (w * h * 3))

    def line(self, a, b, width, rgb):
        r = width / 2
        x0, x1 = max(0, int(min(a[0], b[0]) - r - 1)), min(self.w - 1, int(max(a[0], b[0]) + r + 1))
        y0, y1 = max(0, int(min(a[1], b[1]) - r - 1)), min(self.h - 1, int(max(a[1], b[1]) + r + 1))
        col = bytes(rgb)
        for yy in range(y0, y1 + 1):
            for xx in range(x0, x1 + 1):
                if seg_dist((xx + 0.5, yy + 0.5), a, b) <= r:
                    i = (yy * self.w + xx) * 3
                    self.px[i:i + 3] = col

    def polylines(self, pls, ox, oy, scale, width, rgb):
        for pl in pls:
            pts = [(ox + p[0] * scale, oy + p[1] * scale) for p in pl]
            # merge near points so the stroke is not redrawn per sample
            keep = [pts[0]]
            for p in pts[1:]:
                if math.dist(p, keep[-1]) >= 1.5:
                    keep.append(p)
            if keep[-1] != pts[-1]:
                keep.append(pts[-1])
            if len(keep) == 1:
                keep.append(keep[0])
            for a, b in zip(keep, keep[1:]):
                self.line(a, b, width, rgb)

    def png(self, path):
        raw = b"".join(b"\x00" + bytes(self.px[y * self.w * 3:(y + 1) * self.w * 3]) for y in range(self.h))

        def chunk(t, d):
            return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

        with open(path, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0))
                    + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def render_builtin(icons, png_path, project):
    """No SVG renderer: draw the same sheet (without the labels) from the samplers in sample.py."""
    cell, pad, label_h = 96, 12, 18
    group_w = pad + 4 * (cell + pad) + 24
    rows = (len(icons) + 1) // 2
    w, h = 2 * group_w + pad, pad + rows * (cell + pad + label_h)
    R = Raster(w, h)
    s = cell / 24
    for i, (name, _source, paths, svg) in enumerate(icons):
        gx = (i // rows) * group_w + pad
        y = pad + (i % rows) * (cell + pad + label_h) + label_h
        orig = sample_original(svg, project.get(name))
        conv = sample_converted(paths)
        R.polylines(orig, gx, y, s, 2 * s, (0, 0, 0))
        R.polylines(conv, gx + cell + pad, y, s, 2 * s, (0, 0, 0))
        R.polylines(orig, gx + 2 * (cell + pad), y, s, 2 * s, (255, 153, 153))
        R.polylines(conv, gx + 2 * (cell + pad), y, s, 1, (0, 0, 0))
        R.polylines(conv, gx + 3 * (cell + pad) + 36, y + 36, 1, 2, (0, 0, 0))
    R.png(png_path)
