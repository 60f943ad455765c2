#!/usr/bin/env bash
# Builds the librdkafka mock-cluster launcher. Idempotent: installs the toolchain only when missing and
# recompiles only when the source is newer than the binary.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/kafka-mock.c"
out="$here/bin/kafka-mock"

have_toolchain() {
  command -v gcc >/dev/null 2>&1 &&
    command -v pkg-config >/dev/null 2>&1 &&
    pkg-config --exists rdkafka 2>/dev/null &&
    [ -n "$(pkg-config --variable=includedir rdkafka 2>/dev/null)" ] &&
    [ -f "$(pkg-config --variable=includedir rdkafka)/librdkafka/rdkafka_mock.h" ]
}

mkdir -p "$here/bin"
# Parallel test workers may all find the binary missing; serialise installs and builds.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$here/bin/.build.lock"
  flock 9
fi

if [ -x "$out" ] && [ ! "$src" -nt "$out" ]; then
  exit 0
fi

if ! have_toolchain; then
  packages="librdkafka-dev gcc pkg-config"
  echo "kafka-mock: installing $packages" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update && apt-get install -y --no-install-recommends $packages
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update && sudo apt-get install -y --no-install-recommends $packages
  else
    echo "kafka-mock: need root or sudo to install $packages" >&2
    exit 1
  fi
  have_toolchain || { echo "kafka-mock: toolchain still missing after install" >&2; exit 1; }
fi

# Compile to a temporary name and rename so a concurrent caller never runs a half-written binary.
tmp="$out.$$"
# shellcheck disable=SC2046
gcc -O2 -Wall -Wextra -o "$tmp" "$src" $(pkg-config --cflags --libs rdkafka)
mv -f "$tmp" "$out"
echo "kafka-mock: built $out" >&2
