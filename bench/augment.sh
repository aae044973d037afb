#!/bin/sh
# augment — issue 20, item 3: what augmentation costs the training.  Trains
# LeNet-5 on the embedded Fashion-MNIST subset and the small CNN on the
# colour photo patches with and without every transform on (shift, flip,
# crop and rotation: the bilinear path, the dearest), alternately ROUNDS
# times so a busy machine slows both alike, and prints each pair's ratio
# and their median (1.00: no cost; the issue asks at most 1.10).
#
#   bench/augment.sh [BUILD_DIR] [ROUNDS] [EPOCHS]
#
# Two times a run: `convlab-cli train`'s own "Done in X s" (wall clock, test
# evaluations included, data loading excluded) and the processor time of
# the whole process (user + system, /usr/bin/time), which other people's
# work on a shared machine disturbs less than the wall clock.
set -eu
build=${1:-build}
rounds=${2:-5}
epochs=${3:-1}
cli="$build/src/cli/convlab-cli"
augment=shift+flip+crop+rotate
export LC_ALL=C LANGUAGE=en

# Prints "WALL CPU" in seconds.
seconds () {
  cpu_file=$(mktemp)
  # Done in 12.3 s: …
  wall=$(/usr/bin/time -o "$cpu_file" -f '%U %S' "$cli" train "$@" --epochs "$epochs" \
         | sed -n 's/^Done in \([0-9.]*\) s.*/\1/p')
  cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$cpu_file")
  rm -f "$cpu_file"
  echo "$wall $cpu"
}

median () {
  tr ' ' '\n' | sed '/^$/d' | sort -n \
    | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for pair in "data/designs/lenet5.json embedded" "data/designs/small-cnn-colour.json photos-colour"; do
  set -- $pair
  design=$1 data=$2
  wall_ratios="" cpu_ratios=""
  i=0
  while [ "$i" -lt "$rounds" ]; do
    i=$((i + 1))
    plain=$(seconds "$design" --data "$data")
    augmented=$(seconds "$design" --data "$data" --augment "$augment")
    ratios=$(echo "$augmented $plain" | awk '{ printf "%.3f %.3f", $1 / $3, $2 / $4 }')
    wall_ratios="$wall_ratios ${ratios% *}"
    cpu_ratios="$cpu_ratios ${ratios#* }"
    echo "$(basename "$design") on $data: plain $plain s, $augment $augmented s (wall, cpu), ratios $ratios  [load $(cut -d' ' -f1 /proc/loadavg)]"
  done
  echo "$(basename "$design") on $data: median ratio wall $(echo "$wall_ratios" | median), cpu $(echo "$cpu_ratios" | median) over $rounds rounds"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
