"""Reads a safetensors file with nothing but the standard library, as any
tool could, and prints one line per tensor: name dtype shape sum.  The C
test compares these lines with what it wrote."""
import json
import struct
import sys

FORMATS = {"F32": "f", "F64": "d", "I64": "q", "I32": "i", "U8": "B"}

with open(sys.argv[1], "rb") as f:
    (header_len,) = struct.unpack("<Q", f.read(8))
    header = json.loads(f.read(header_len))
    data = f.read()

meta = header.pop("__metadata__", {})
for key in sorted(meta):
    print(f"meta {key}={meta[key]}")
for name in sorted(header):
    entry = header[name]
    begin, end = entry["data_offsets"]
    fmt = FORMATS[entry["dtype"]]
    count = (end - begin) // struct.calcsize(fmt)
    values = struct.unpack(f"<{count}{fmt}", data[begin:end])
    shape = "x".join(str(d) for d in entry["shape"])
    print(f"tensor {name} {entry['dtype']} {shape} {sum(values):.6f}")
