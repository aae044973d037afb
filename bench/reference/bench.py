#!/usr/bin/env python3
"""PyTorch side of tools/bench: training and evaluation samples/s of the three
networks of networks.py, printed as the same JSON lines as convlab-bench:

    {"case":"lenet5-train","threads":1,"samples_per_s":1234.5,"impl":"pytorch 1.13.1"}

Same settings as ConvLab's cases: batch 64, SGD with momentum 0.9 and
learning rate 0.01, softmax cross-entropy, synthetic random data (uniform
images, uniform labels).  A training sample/s counts a full step (forward,
loss, backward, update); evaluation is forward only, in eval mode (dropout
off) under no_grad.  After a warm-up, the rate is the best of rounds of at
least 50 ms over --seconds, as convlab-bench measures.

Thread counts: without --threads, every count (1 then 2) runs in a fresh
process with OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set, because the BLAS
PyTorch calls for its dense layers reads its thread count at load time and
torch.set_num_threads does not reach it.
"""

import argparse
import fnmatch
import json
import os
import subprocess
import sys
import time

BATCH = 64
N_SAMPLES = BATCH * 16
CASES = [f"{net}-{mode}" for net in ("lenet5", "cnn3", "mlp") for mode in ("train", "eval")]


def best_rate(step, seconds):
    """Calls step() for about `seconds`; best calls/s over rounds >= 50 ms."""
    for _ in range(3):
        step()
    reps = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(reps):
            step()
        dt = time.perf_counter() - t0
        if dt >= 0.05:
            break
        reps *= 2
    best = 0.0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        for _ in range(reps):
            step()
        best = max(best, reps / (time.perf_counter() - t0))
    return best


def run_case(torch, name, seconds):
    from networks import NETWORKS

    net_name, mode = name.split("-")
    torch.manual_seed(1)
    model = NETWORKS[net_name]()
    images = torch.rand(N_SAMPLES, 1, 28, 28)
    labels = torch.randint(0, 10, (N_SAMPLES,))
    batches = [(images[i:i + BATCH], labels[i:i + BATCH]) for i in range(0, N_SAMPLES, BATCH)]
    position = [0]

    def next_batch():
        x, y = batches[position[0]]
        position[0] = (position[0] + 1) % len(batches)
        return x, y

    if mode == "train":
        model.train()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
        loss_fn = torch.nn.CrossEntropyLoss()

        def step():
            x, y = next_batch()
            optimizer.zero_grad(set_to_none=False)
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
    else:
        model.eval()

        def step():
            x, _ = next_batch()
            with torch.no_grad():
                model(x)

    return best_rate(step, seconds) * BATCH


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, help="thread count (default: 1, then 2)")
    parser.add_argument("--case", action="append", metavar="PATTERN",
                        help="cases matching PATTERN (* and ? allowed; repeatable)")
    parser.add_argument("--seconds", type=float, default=1.0, help="seconds per measurement")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    args = parser.parse_args()

    if args.list:
        print("\n".join(CASES))
        return 0
    selected = [c for c in CASES
                if not args.case or any(fnmatch.fnmatchcase(c, p) for p in args.case)]
    if not selected:
        print("bench.py: no case matches; --list shows them.", file=sys.stderr)
        return 1

    if args.threads is None:
        status = 0
        for threads in (1, 2):
            env = dict(os.environ, OMP_NUM_THREADS=str(threads),
                       OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
            cmd = [sys.executable, os.path.abspath(__file__), "--threads", str(threads),
                   "--seconds", str(args.seconds)]
            for c in selected:
                cmd += ["--case", c]
            status |= subprocess.run(cmd, env=env).returncode
        return status

    try:
        import torch
    except ImportError:
        print(f"bench.py: PyTorch is not importable by {sys.executable} "
              "(Debian: apt install python3-torch, run with /usr/bin/python3).", file=sys.stderr)
        return 3
    torch.set_num_threads(args.threads)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    for name in selected:
        rate = run_case(torch, name, args.seconds)
        print(json.dumps({"case": name, "threads": args.threads,
                          "samples_per_s": round(rate, 1),
                          "impl": f"pytorch {torch.__version__}"},
                         separators=(",", ":")), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
