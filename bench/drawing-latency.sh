#!/bin/sh
# drawing-latency — issue 17, item 4: the time from a pointer motion on
# the Activations panel's drawing pad to the picture (prediction and every
# layer's maps) painted again, for LeNet-5 on Fashion-MNIST, at rest and
# while the trainer runs at full speed on the same cores.
#
#   bench/drawing-latency.sh [BUILD_DIR] [ROUNDS]
#
# The window side is the UI test /ui/drawing/latency (real window under
# Xvfb, real X pointer events from xdotool), run with -m perf; it prints
# "latency WHAT: median, 90th percentile and max over 60 motions", from
# the X event (xdotool has exited) and from the pad's handler to the
# frame clock's after-paint of the frame that drew the new picture.
set -eu
build=${1:-build}
rounds=${2:-1}
export GSK_RENDERER=cairo GTK_A11Y=none GDK_BACKEND=x11 GSETTINGS_BACKEND=memory \
       GSETTINGS_SCHEMA_DIR="$build/data" CONVLAB_LOCALEDIR="$build/po" \
       CL_TEST_SCREENSHOT_DIR="$build/test-screenshots" CL_SOURCE_ROOT="$(pwd)" \
       XDG_DATA_HOME="$build/test-data-home"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
i=0
while [ "$i" -lt "$rounds" ]; do
  i=$((i + 1))
  xvfb-run -a -s '-screen 0 1280x720x24' "$build/tests/ui/test-drawing" \
    -m perf -p /ui/drawing/latency --verbose 2>&1 | sed -n 's/^# \(latency .*\)/\1/p'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
