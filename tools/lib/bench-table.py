"""Reads the JSON lines of convlab-bench and bench/reference/bench.py (any
number of files, each possibly holding several runs) and prints the
side-by-side table of tools/bench.

For every (case, threads) the best value over all runs is kept: the machine
is shared, so the best run is the one least disturbed.  GEMM cases compare
ConvLab's GFLOPS with OpenBLAS cblas_sgemm (from convlab-bench); network
cases compare samples/s with PyTorch (from bench.py).  A case ConvLab does
not have yet is shown as "not built yet".

usage: bench-table.py CONVLAB.jsonl PYTORCH.jsonl [--case PATTERN ...]
"""
import fnmatch
import json
import sys

NETWORK_CASES = ["lenet5-train", "lenet5-eval", "cnn3-train", "cnn3-eval",
                 "mlp-train", "mlp-eval"]
THREADS = [1, 2]


def read_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError:
                        pass
    except OSError:
        return


def keep_best(table, key, value):
    if value is not None and (key not in table or value > table[key]):
        table[key] = value


def main(argv):
    convlab_path, pytorch_path = argv[1], argv[2]
    patterns = [argv[i + 1] for i, a in enumerate(argv) if a == "--case" and i + 1 < len(argv)]

    ours, theirs, units, isa = {}, {}, {}, None
    order = []
    for rec in read_lines(convlab_path):
        name, t = rec["case"], rec["threads"]
        if name not in order:
            order.append(name)
        if "gflops" in rec:
            units[name] = "GFLOPS"
            keep_best(ours, (name, t), rec["gflops"])
            keep_best(theirs, (name, t), rec.get("openblas_gflops"))
            isa = rec.get("kernel", "").split(" ")[0] or isa
        else:
            units[name] = "samples/s"
            keep_best(ours, (name, t), rec.get("samples_per_s"))
    for rec in read_lines(pytorch_path):
        name, t = rec["case"], rec["threads"]
        units.setdefault(name, "samples/s")
        keep_best(theirs, (name, t), rec.get("samples_per_s"))

    names = [n for n in NETWORK_CASES] + [n for n in order if n not in NETWORK_CASES]
    names += sorted({n for n, _ in theirs} - set(names))
    if patterns:
        names = [n for n in names if any(fnmatch.fnmatchcase(n, p) for p in patterns)]

    def fmt(v):
        if v is None:
            return None
        return f"{v:.1f}" if v < 1000 else f"{v:.0f}"

    header = ["case", "threads", "unit", "ConvLab", "PyTorch/OpenBLAS", "ratio",
              "ConvLab vs 1 thread", "their best (threads)", "ratio vs their best"]
    rows = []
    for name in names:
        unit = units.get(name, "samples/s")
        best_t = max((t for t in THREADS if (name, t) in theirs),
                     key=lambda t: theirs[(name, t)], default=None)
        for t in THREADS:
            mine = ours.get((name, t))
            other = theirs.get((name, t))
            one = ours.get((name, 1))
            row = [name, str(t), unit,
                   fmt(mine) or "not built yet",
                   fmt(other) or ("n/a" if unit == "samples/s" else "no OpenBLAS"),
                   f"{mine / other:.2f}x" if mine and other else "-",
                   f"{mine / one:.2f}x" if mine and one else "-",
                   f"{fmt(theirs[(name, best_t)])} ({best_t})" if best_t else "-",
                   f"{mine / theirs[(name, best_t)]:.2f}x" if mine and best_t else "-"]
            rows.append(row)

    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(c.ljust(w) if i < 3 else c.rjust(w)
                        for i, (c, w) in enumerate(zip(r, widths))))
    print()
    print("GEMM rows: ConvLab cl_gemm%s vs OpenBLAS cblas_sgemm; network rows: ConvLab vs PyTorch."
          % (f" ({isa} kernel)" if isa else ""))
    print("ratio = ConvLab / yardstick at the same thread count; higher is better.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
