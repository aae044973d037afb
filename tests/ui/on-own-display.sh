#!/bin/sh
# on-own-display.sh SCREEN PROGRAM [ARGS...] — runs one window test on an X
# display of its own (Xvfb, SCREEN like 1280x720) with a home of its own.
#
# Why not xvfb-run -a: two of those started together can pick the same
# display number and one fails; Xvfb -displayfd lets the server take a free
# number itself and tell us which.  With a display each and their own user
# data directory (the editor's autosave lives there), window tests no longer
# share a pointer or a file, so meson runs two at once.
set -eu
screen=$1
shift

dir=$(mktemp -d "${TMPDIR:-/tmp}/convlab-ui.XXXXXX")
xvfb_pid=
finish () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$dir"
}
trap finish EXIT
trap 'exit 130' INT TERM

mkfifo "$dir/display"
Xvfb -displayfd 3 -screen 0 "${screen}x24" -nolisten tcp 3>"$dir/display" \
  >"$dir/xvfb.log" 2>&1 &
xvfb_pid=$!
# Xvfb writes its display number once it accepts clients; nothing (end of
# file) if it could not start.
read -r number <"$dir/display" || true
if [ -z "${number:-}" ]; then
  echo "Bail out! Xvfb did not start:"
  sed 's/^/# /' "$dir/xvfb.log"
  exit 1
fi

export DISPLAY=":$number"
export XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config" XDG_CACHE_HOME="$dir/cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
status=0
"$@" || status=$?
exit $status
