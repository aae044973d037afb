"""Writes a text file as a C string constant: embed-text.py NAME IN OUT.h
(the PyTorch script's runtime part is kept as a real .py file, readable and
checkable, and compiled into the engine this way)."""
import sys

name, source, target = sys.argv[1:4]
with open(source, encoding="utf-8") as f:
    text = f.read()
lines = []
for line in text.splitlines(keepends=True):
    escaped = line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    # Octal-free and trigraph-free: non-ASCII stays as UTF-8 bytes, which C
    # copies as they are; "??" is broken so no trigraph can form.
    escaped = escaped.replace("??", '?" "?')
    lines.append(f'  "{escaped}"')
with open(target, "w", encoding="utf-8") as f:
    f.write(f"/* Generated from {source.split('/')[-1]} by tools/lib/embed-text.py. */\n")
    f.write(f"static const char {name}[] =\n" + "\n".join(lines) + ";\n")
