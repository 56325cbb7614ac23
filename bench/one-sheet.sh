#!/usr/bin/env bash
# Benchmark of a one-sheet command's whole process (issue 11): `ksb summary SHEET` against
# `cat SHEET` on the same file in the same run, the median of 20 runs each (hyperfine), repeated
# ROUNDS times back to back so that a busy moment on the machine shows as one odd round; the
# figure is the median round's ratio. Target: at most 2x.
# Also counts the instructions of both with valgrind (callgrind), which does not depend on what
# else the machine is doing.
#
# Usage: bench/one-sheet.sh                  the build a user gets: `cargo build --release`,
#                                            target/release/ksb (dynamically linked); ROUNDS=9
#        KSB=path/to/ksb bench/one-sheet.sh  another build of ksb, such as the static one
#                                            scripts/build-static makes
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${ROUNDS:-9}
if ! command -v hyperfine >/dev/null || ! command -v valgrind >/dev/null; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends \
        hyperfine valgrind
fi

. bench/built.sh
ksb=${KSB:-$(built_executable ksb --release --locked --bin ksb)}
if readelf -l "$ksb" | grep -q INTERP; then linking="dynamically linked"; else linking="statically linked"; fi
echo "Measuring $ksb ($linking)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sheet=$work/sheet.toml
cp tests/fixtures/example.toml "$sheet"

ratios=()
for round in $(seq "$rounds"); do
    hyperfine -N --warmup 5 --runs 20 --export-json "$work/round.json" \
        "$ksb summary $sheet" "cat $sheet" >/dev/null
    ratio=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(r[0]["median"] / r[1]["median"])' "$work/round.json")
    medians=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print("ksb %.2f ms, cat %.2f ms" % (r[0]["median"]*1e3, r[1]["median"]*1e3))' "$work/round.json")
    echo "round $round: $medians: ratio $(printf '%.2f' "$ratio")"
    ratios+=("$ratio")
done
median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
ksb_ir=$(count "$ksb" summary "$sheet")
cat_ir=$(count cat "$sheet")

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v r="$median" 'BEGIN { printf "ksb summary SHEET takes %.2fx the time of cat SHEET (median of %d rounds; target <= 2x: %s)\n", r, '"$rounds"', (r <= 2 ? "met" : "MISSED") }'
echo "instructions: ksb summary $ksb_ir, cat $cat_ir"
