#!/usr/bin/env bash
# Benchmark of `ksb import` on hostile pages (issue 14): a 10 MiB page, 10,000 rows, tables
# nested 50 deep (and 100,000 left open), a row of 10,000 cells, a table and 1.3 million
# templates left open, and 10 MiB of flattened pipe rows. Target: each ends (in a clear error or
# the right sheet) within a second. Installs hyperfine with apt-get when missing, builds with
# --release, writes the pages with examples/hostile_pages.rs and times each import.
#
# Usage: bench/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v hyperfine >/dev/null; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends hyperfine
fi

. bench/built.sh
ksb=$(built_executable ksb --release --locked --bin ksb)
hostile_pages=$(built_executable hostile_pages --release --locked --example hostile_pages)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$hostile_pages" "$work"

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
worst=0
for page in "$work"/*.wiki; do
    name=$(basename "$page" .wiki)
    # Strict: the exit code tells a clear error (1) from an import (0); both are fine here.
    set +e
    "$ksb" import "$page" -o "$work/$name.toml" --force >/dev/null 2>"$work/$name.err"
    code=$?
    set -e
    if [ "$code" -gt 1 ]; then
        echo "$name: exit $code (a crash?)" >&2
        cat "$work/$name.err" >&2
        exit 1
    fi
    hyperfine -N -i --style none --warmup 1 --runs 5 --export-json "$work/$name.json" \
        "$ksb import $page -o $work/$name.toml --force" >/dev/null 2>&1
    mean=$(sed -n 's/.*"mean": *\([0-9.e-]*\).*/\1/p' "$work/$name.json" | head -1)
    size=$(stat -c %s "$page")
    outcome=$([ "$code" -eq 0 ] && echo "imported" || echo "error: $(head -c 90 "$work/$name.err" | head -1)")
    awk -v n="$name" -v m="$mean" -v s="$size" -v o="$outcome" \
        'BEGIN { printf "%-20s %9d bytes %8.1f ms  %s\n", n, s, m * 1000, o }'
    worst=$(awk -v a="$worst" -v b="$mean" 'BEGIN { print (b > a ? b : a) }')
done
awk -v w="$worst" 'BEGIN { printf "slowest: %.0f ms (target ≤ 1000 ms: %s)\n", w * 1000, (w <= 1 ? "met" : "MISSED") }'
