"""Helpers of scripts/icons.py, split out to keep each file small: svgpath converts SVG elements and
path data to absolute M/L/C/Z subpaths, sample reads the original SVG independently and measures how far
the conversion strays from it, and raster draws the --check contact sheet (with a built-in PNG
rasteriser when no SVG renderer is installed). Standard library only; run scripts/icons.py, not these.
"""
