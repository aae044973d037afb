#!/bin/sh
# ui-responsiveness — issue 7, item 8: the panels' redraw rate while
# training at full speed, and the training throughput with the window open
# against `convlab-cli train` on the same design (LeNet-5 + Dropout, batch
# 32, the embedded Fashion-MNIST subset).  The two are run alternately,
# ROUNDS times, so a busy machine disturbs both alike.
#
#   bench/ui-responsiveness.sh [BUILD_DIR] [ROUNDS]
#
# The window side is the UI test /ui/training/responsiveness (real window
# under Xvfb); it prints "responsiveness PANEL: R redraws/s, F frames/s,
# N images/s" and writes the design it trained to
# BUILD_DIR/test-screenshots/responsiveness-lenet.json.
set -eu
build=${1:-build}
rounds=${2:-3}
export GSK_RENDERER=cairo GTK_A11Y=none GDK_BACKEND=x11 GSETTINGS_BACKEND=memory \
       GSETTINGS_SCHEMA_DIR="$build/data" OMP_WAIT_POLICY=PASSIVE \
       CL_TEST_SCREENSHOT_DIR="$build/test-screenshots" CL_SOURCE_ROOT="$(pwd)" \
       XDG_DATA_HOME="$build/test-data-home"
design="$build/test-screenshots/responsiveness-lenet.json"
epochs=20

i=0
while [ "$i" -lt "$rounds" ]; do
  i=$((i + 1))
  xvfb-run -a -s '-screen 0 1280x800x24' "$build/tests/ui/test-training" \
    -p /ui/training/responsiveness --verbose 2>&1 | sed -n 's/^# \(responsiveness .*\)/window  \1/p'
  start=$(date +%s.%N)
  "$build/src/cli/convlab-cli" train "$design" --epochs $epochs > /dev/null
  end=$(date +%s.%N)
  echo "cli     $(echo "$start $end $epochs" | awk '{ printf "%.0f images/s (%d epochs of 6000 in %.1f s, test evaluations included)", $3 * 6000 / ($2 - $1), $3, $2 - $1 }')"
done
