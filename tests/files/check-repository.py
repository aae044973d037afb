#!/usr/bin/env python3
"""What a user of the repository expects to find there (issue 15, item 20).

- COPYING holds the licence meson.build and the metainfo declare
  (GPL-3.0-or-later: the GPL version 3 text).
- Every file the README links to exists.
- Every file docs/architecture.md names exists, so the document cannot go
  on describing a file that was renamed or removed: a path (src/engine/net.c)
  must exist as written, a bare name (net.c) somewhere in the tree.

Usage: check-repository.py SOURCE_ROOT"""
import os
import re
import sys

root = sys.argv[1]
problems = []


def read(name):
    with open(os.path.join(root, name), encoding="utf-8") as f:
        return f.read()


# The licence.
meson = read("meson.build")
metainfo = read("data/io.github.convlab.ConvLab.metainfo.xml.in")
if "license: 'GPL-3.0-or-later'" not in meson or \
        "<project_license>GPL-3.0-or-later</project_license>" not in metainfo:
    problems.append("meson.build and the metainfo no longer both declare GPL-3.0-or-later: "
                    "update COPYING and this check together")
try:
    copying = read("COPYING")
    if not re.match(r"\s*GNU GENERAL PUBLIC LICENSE\s+Version 3, 29 June 2007", copying) \
            or "END OF TERMS AND CONDITIONS" not in copying:
        problems.append("COPYING is not the text of the GNU GPL version 3")
except OSError as error:
    problems.append(f"COPYING: {error.strerror}")

# Every file of the tree by name, for the document's bare names.
names = set()
for directory, subdirs, files in os.walk(root):
    subdirs[:] = [d for d in subdirs if not d.startswith((".", "build", "_build"))]
    names.update(files)

# The README's links: [text](path) and ![alt](path), not URLs nor anchors.
for target in re.findall(r"\]\(([^)#\s]+)\)", read("README.md")):
    if "://" not in target and not os.path.exists(os.path.join(root, target)):
        problems.append(f"README.md links to {target}, which is not in the repository")
if "docs/architecture.md" not in read("README.md"):
    problems.append("README.md does not send contributors to docs/architecture.md")

# The architecture document's file names, in `code`; templates such as
# layer-<name>.c, render-X.c, cli-COMMAND.c or -activations.c are not files.
doc = read("docs/architecture.md")
file_like = re.compile(r"^[\w./-]+\.(c|h|py|ui|xml|md|txt|sh|build|in)$")
for code in re.findall(r"`([^`]+)`", doc):
    for token in code.split():
        token = token.rstrip(",;:")
        if not file_like.match(token) or token.startswith("-") \
                or re.search(r"<|\bX\b|-X\.|COMMAND", token):
            continue
        if "/" in token:
            if not os.path.exists(os.path.join(root, token)):
                problems.append(f"docs/architecture.md names {token}, which does not exist")
        elif token not in names:
            problems.append(f"docs/architecture.md names {token}, found nowhere in the tree")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
