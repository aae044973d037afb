# Sourced by tools/run and tools/test: installs the missing Debian packages,
# then configures Meson into build/ when it is not configured yet.
# shellcheck shell=bash

CONVLAB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR="$CONVLAB_ROOT/build"

# What building and running needs on Debian 12.
RUN_PACKAGES=(
  gcc pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libgdk-pixbuf-2.0-dev libcairo2-dev
  desktop-file-utils appstream
  dataset-fashion-mnist
)
# What the test suite adds: a virtual display for the window tests, a real
# pointer for the drag test, python3 and PyTorch for the file-format
# cross-checks (our models read by Python, a model PyTorch wrote read by us),
# update-mime-database for the MIME types of designs and models, Pillow and
# the photographs tools/make-photos.py reads (its determinism test).
TEST_PACKAGES=(
  xvfb xauth xdotool python3
  python3-torch python3-onnx
  shared-mime-info
  python3-pil mate-backgrounds python3-skimage
)
# What tools/fuzz adds: clang with libFuzzer and the sanitizers' runtimes,
# and the LLVM OpenMP runtime the engine links when built by clang.
FUZZ_PACKAGES=(
  clang libclang-rt-14-dev libomp-dev
)
# What tools/bench adds: OpenBLAS, the yardstick of the GEMM cases, and
# Debian's PyTorch (which uses that OpenBLAS) for the side-by-side networks.
BENCH_PACKAGES=(
  libopenblas-dev python3-torch
)

missing_packages () {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' \
      || printf '%s\n' "$p"
  done
}

install_packages () {
  local missing
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "This system has no apt-get. Install these packages (Debian 12 names) yourself:" >&2
    printf '  %s\n' "$@" >&2
    exit 1
  fi
  mapfile -t missing < <(missing_packages "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "Installing ${#missing[@]} Debian packages: ${missing[*]}"
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "Not root and no sudo: install these packages as root, then try again:" >&2
      printf '  %s\n' "${missing[@]}" >&2
      exit 1
    fi
    as_root=(sudo)
  fi
  "${as_root[@]}" apt-get update -q \
    && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || { echo "Installing packages failed: ${missing[*]}" >&2; exit 1; }
}

configure_build () {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    meson setup "$BUILD_DIR" "$CONVLAB_ROOT" --werror "$@" || exit 1
  fi
}

# The uninstalled tree: compiled schemas and translations from build/.
export_uninstalled_env () {
  export GSETTINGS_SCHEMA_DIR="$BUILD_DIR/data"
  export CONVLAB_LOCALEDIR="$BUILD_DIR/po"
}

# OpenMP's threads wait for work by spinning (libgomp: 300 000 spins, about
# a millisecond) before they sleep.  On a 2-core machine where anything else
# runs (a compile, a fuzzer), a spinning thread holds a core while its
# partner, preempted, waits for it: 2 threads measured 0.3k to 55k LeNet-5
# samples/s depending on the moment, against 22k for 1 thread.  A short
# spin (GOMP_SPINCOUNT=20000, some 10-20 µs) then sleeping measured 49-55k
# in the same minutes; passive waiting (OMP_WAIT_POLICY=passive) a steady
# 22-30k, no better than 1 thread, as every parallel region then pays a
# wake-up.  libgomp reads this once, when it loads: it must be in the
# environment before the program starts (tools/run, tools/bench, the
# .desktop file), it cannot be set from main().  A value already set wins.
export_omp_env () {
  export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-20000}"
}
