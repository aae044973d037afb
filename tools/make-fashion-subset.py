#!/usr/bin/env python3
"""Builds the embedded Fashion-MNIST subset from the full set.

Usage: tools/make-fashion-subset.py [SOURCE_DIR [OUTPUT_DIR]]
  SOURCE_DIR  the full set (default /usr/share/datasets/fashion-mnist, from
              Debian's dataset-fashion-mnist)
  OUTPUT_DIR  default data/datasets/fashion-mnist-subset

Selection rule, reproducible without a seed: the FIRST 600 images of each
class in the training file and the first 100 of each class in the test
file, kept in file order.  The gzip output has no name and mtime 0, so the
same input gives the same bytes."""
import gzip
import os
import struct
import sys

PER_CLASS = {"train": 600, "t10k": 100}
N_CLASSES = 10


def read_idx(path, ndim):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    if magic != 0x800 | ndim:
        sys.exit(f"{path}: wrong magic 0x{magic:08x}")
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return dims, data[4 + 4 * ndim:]


def write_idx(path, ndim, dims, payload):
    header = struct.pack(">I", 0x800 | ndim) + struct.pack(">" + "I" * ndim, *dims)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(header + payload)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "data", "datasets",
                                                             "fashion-mnist-subset")
    os.makedirs(out, exist_ok=True)
    for part, per_class in PER_CLASS.items():
        (n, h, w), pixels = read_idx(os.path.join(src, f"{part}-images-idx3-ubyte.gz"), 3)
        (n_labels,), labels = read_idx(os.path.join(src, f"{part}-labels-idx1-ubyte.gz"), 1)
        assert n == n_labels
        taken = [0] * N_CLASSES
        keep = []
        for i, label in enumerate(labels):
            if taken[label] < per_class:
                taken[label] += 1
                keep.append(i)
        assert taken == [per_class] * N_CLASSES, taken
        size = h * w
        images = b"".join(pixels[i * size:(i + 1) * size] for i in keep)
        write_idx(os.path.join(out, f"{part}-images-idx3-ubyte.gz"), 3, (len(keep), h, w), images)
        write_idx(os.path.join(out, f"{part}-labels-idx1-ubyte.gz"), 1, (len(keep),),
                  bytes(labels[i] for i in keep))
        print(f"{part}: {len(keep)} images of {h}x{w}, {per_class} per class")


if __name__ == "__main__":
    main()
