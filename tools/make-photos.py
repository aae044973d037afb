#!/usr/bin/python3
"""Builds ConvLab's embedded "Photos" dataset from photographs Debian ships.

Usage: tools/make-photos.py [OUTPUT_DIR]
  OUTPUT_DIR  default data/datasets/photos

Needs Debian's python3-pil, mate-backgrounds and python3-skimage (the
photographs come from the last two):
  apt-get install python3-pil mate-backgrounds python3-skimage
Run it with Debian's python (/usr/bin/python3), the one that sees python3-pil.

One class per photograph: "which photo does this 32×32 patch come from".
Each photograph is centre-cropped to 3:2 and scaled (Lanczos) to 288×192,
then written as PNG.  ConvLab cuts the 32×32 patches when it loads the set
(src/engine/dataset-photos.c), with a fixed seed: training patches from the
left three quarters of each photo, test patches from the right quarter, so
that no test patch overlaps a training one.  Storing the photos rather than
the patches keeps the set small (some 1.5 MB) while it yields thousands of
patches per class.

Only photographs whose licence lets ConvLab (GPL-3.0-or-later) redistribute
them are used: the nature photographs of mate-backgrounds (GPL-2+, per its
debian/copyright) and the skimage samples whose notes in
skimage/data/_fetchers.py say CC0.  SOURCES records, for every file, its
class, package, package version, source file, licence and copyright.

Deterministic: no timestamp or random choice enters the output, so the same
input files give the same bytes (tests/data/test-photos.c checks it)."""
import os
import subprocess
import sys

from PIL import Image

WIDTH, HEIGHT = 288, 192

MATE = "/usr/share/backgrounds/mate/nature"
SKIMAGE = "/usr/lib/python3/dist-packages/skimage/data"

# file, class name (English; translated by the app), package, source, licence, copyright
PHOTOS = [
    ("leaf.png", "Leaf", "mate-backgrounds", f"{MATE}/Blinds.jpg", "GPL-2+",
     "2008 Lennart Poettering, Andrea Cimitan"),
    ("dune.png", "Dune", "mate-backgrounds", f"{MATE}/Dune.jpg", "GPL-2+",
     "2007 Marco Cogoni, 2008 Hylke Bons"),
    ("orange-flower.png", "Orange flower", "mate-backgrounds", f"{MATE}/FreshFlower.jpg",
     "GPL-2+", "2005 Jens Ansorg"),
    ("meadow.png", "Meadow", "mate-backgrounds", f"{MATE}/GreenMeadow.jpg", "GPL-2+",
     "2005 Timothy Schellhase, 2008 Lapo Calamandrei"),
    ("raindrops.png", "Raindrops", "mate-backgrounds", f"{MATE}/RainDrops.jpg", "GPL-2+",
     "2008 blackcombwhistler07"),
    ("storm.png", "Storm", "mate-backgrounds", f"{MATE}/Storm.jpg", "GPL-2+",
     "2008 Sergey Nazarov"),
    ("wood.png", "Wood", "mate-backgrounds", f"{MATE}/Wood.jpg", "GPL-2+",
     "2008 Jean-François Fortin Tam"),
    ("yellow-flower.png", "Yellow flower", "mate-backgrounds", f"{MATE}/YellowFlower.jpg",
     "GPL-2+", "2008 Charles Barbin"),
    ("cat.png", "Cat", "python3-skimage", f"{SKIMAGE}/chelsea.png", "CC0-1.0",
     "Stefan van der Walt (photographer), dedicated to the public domain"),
    ("coffee.png", "Coffee", "python3-skimage", f"{SKIMAGE}/coffee.png", "CC0-1.0",
     "Rachel Michetti (photographer), dedicated to the public domain"),
]


def package_version(package):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        sys.exit(f"{package} is not installed: apt-get install {package}")
    return out.strip()


def crop_3_2(image):
    """The largest centred 3:2 rectangle: the box, in integer pixels."""
    w, h = image.size
    cw = min(w, h * 3 // 2)
    ch = cw * 2 // 3
    left, top = (w - cw) // 2, (h - ch) // 2
    return (left, top, left + cw, top + ch)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "data", "datasets", "photos")
    os.makedirs(out, exist_ok=True)
    versions = {p: package_version(p) for p in sorted({row[2] for row in PHOTOS})}
    lines = ["file\tclass\tpackage\tversion\tsource\tlicence\tcopyright"]
    for name, label, package, source, licence, copyright_ in PHOTOS:
        if not os.path.isfile(source):
            sys.exit(f"{source} is missing: apt-get install {package}")
        with Image.open(source) as image:
            rgb = image.convert("RGB")
        small = rgb.resize((WIDTH, HEIGHT), Image.LANCZOS, box=crop_3_2(rgb))
        small.save(os.path.join(out, name), "PNG", optimize=True)
        lines.append("\t".join([name, label, package, versions[package], source, licence,
                                copyright_]))
        print(f"{name}: {label}, from {source} ({licence})")
    with open(os.path.join(out, "SOURCES"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
