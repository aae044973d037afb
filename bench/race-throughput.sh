#!/bin/sh
# race-throughput — issue 20, item 1: runs side by side share the cores.
# For the spirals MLP and LeNet-5 on the embedded Fashion-MNIST subset, 2
# and 4 runs: bench/race-bench trains the design alone, then the runs
# together as a race, and gives the ratio of their samples per second
# (>= 0.90 asked) and of their samples per second of processor time (the
# cost of racing, less disturbed by other work on the machine).  Each case is repeated ROUNDS times, alone and together
# alternating inside each round so a busy machine disturbs both alike; the
# load average is printed with each line and before and after.
#
#   bench/race-throughput.sh [BUILD_DIR] [ROUNDS] [SECONDS]
set -eu
build=${1:-build}
rounds=${2:-3}
seconds=${3:-3}
bench="$build/bench/race-bench"
[ -x "$bench" ] || { echo "no $bench: meson compile -C $build first" >&2; exit 1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for case in "data/designs/spirals-2-hidden.json" "data/designs/lenet5.json --data embedded"; do
  for runs in 2 4; do
    lines=""
    i=0
    while [ "$i" -lt "$rounds" ]; do
      i=$((i + 1))
      # shellcheck disable=SC2086  # $case holds the design and its options
      line=$("$bench" --design $case --runs "$runs" --seconds "$seconds")
      echo "$line"
      lines="$lines$line
"
    done
    for key in ratio cpu_ratio; do
      printf '%s' "$lines" | sed -n "s/.*\"$key\":\([0-9.]*\).*/\1/p" | sort -n |
        awk -v c="${case%% *}" -v n="$runs" -v k="$key" '
          { r[NR] = $1 }
          END { printf "%s, %d runs: %s median %.3f (min %.3f, max %.3f, %d rounds)\n",
                       c, n, k, r[int((NR + 1) / 2)], r[1], r[NR], NR }'
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
