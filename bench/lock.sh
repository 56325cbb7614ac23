#!/usr/bin/env bash
# Benchmark of the write lock (issue 16): what one `ksb score SHEET K3=2` costs with the lock
# (this checkout) against the same write without it (the commit just before the lock came in,
# built from `git archive` into a folder of its own, so the checkout is never touched), same
# sheet, same machine, same run. Both binaries fsync the new file and its folder; the lock adds
# creating, locking, checking and removing `.SHEET.lock`.
#
# Installs hyperfine with apt-get when missing, builds both binaries with --release, times them
# with hyperfine on a sheet in target/ (a real disk: fsync costs what it costs, which is most of
# a write) and in /dev/shm (a tmpfs, where fsync is free and what is left is the lock's own
# work), and prints the median ratios. CI does not run it.
#
# Usage: bench/lock.sh      (BASE=<commit> to compare with another commit; ROUNDS=20 RUNS=100)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v hyperfine >/dev/null; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends hyperfine
fi

# The commit before the one that added the lock, unless BASE names another.
added=$(git log --diff-filter=A --format=%H -- src/store/write_lock.rs | tail -n 1)
base=${BASE:-$added^}
base=$(git rev-parse --short "$base")

target=$(cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')
work=$target/bench-lock
rm -rf "$work/sheets" "$work/src"
mkdir -p "$work/sheets" "$work/src"

echo "Building ksb at $base (without the lock) and this checkout (with it) ..."
git archive "$base" | tar -x -C "$work/src"
. bench/built.sh
without=$work/without-lock
cp "$(CARGO_TARGET_DIR=$work/target built_executable ksb --release --locked --bin ksb \
    --manifest-path "$work/src/Cargo.toml")" "$without"
with=$work/with-lock
cp "$(built_executable ksb --release --locked --bin ksb)" "$with"

# Times both binaries on a copy of the hand-written sheet in folder $1; $2 names the place.
# The machine may be shared, so the time is taken in $rounds short rounds, each timing both
# binaries back to back (in turns first and second), and the median round is reported: two
# binaries timed seconds apart see the same load, so their ratio holds better than the times.
time_in() {
    local folder=$1 place=$2 sheet=$1/me.toml
    cp tests/fixtures/commented.toml "$sheet"
    for ksb in "$without" "$with"; do
        "$ksb" score "$sheet" K3=2 >/dev/null
    done
    if ! diff <("$without" show "$sheet") <("$with" show "$sheet") >/dev/null; then
        echo "the two binaries read the sheet differently; not timing them" >&2
        exit 1
    fi
    local round csv
    : >"$work/$place.rounds"
    for round in $(seq "$rounds"); do
        csv=$work/$place.$round.csv
        local first=("$without" "without") second=("$with" "with")
        if [ $((round % 2)) -eq 0 ]; then
            first=("$with" "with") second=("$without" "without")
        fi
        hyperfine -N --style none --warmup 10 --runs "$runs" --export-csv "$csv" \
            -n "${first[1]}" "${first[0]} score $sheet K3=2" \
            -n "${second[1]}" "${second[0]} score $sheet K3=2" >/dev/null
        # hyperfine's CSV: command,mean,stddev,median,user,system,min,max (seconds).
        awk -F, '$1 == "without" { without = $4; cpu_without = $5 + $6 }
                 $1 == "with" { with = $4; cpu_with = $5 + $6 }
                 END { print with / without, without, with, cpu_without, cpu_with }' \
            "$csv" >>"$work/$place.rounds"
    done
    if ls -A "$folder" | grep -qv '^me.toml$'; then
        echo "files left beside the sheet: $(ls -A "$folder")" >&2
        exit 1
    fi
    sort -g "$work/$place.rounds" | awk -v place="$place ($(df -T "$folder" | awk 'NR == 2 { print $2 }'))" '
        { ratio[NR] = $1; line[NR] = $0 }
        END {
            split(line[int((NR + 1) / 2)], m, " ")
            printf "%s: median round %.2f ms without the lock, %.2f ms with it: %.3f× the time (%+.0f µs per write; CPU %.2f ms vs %.2f ms); rounds ranged %.3f×–%.3f×\n",
                place, m[2] * 1000, m[3] * 1000, m[1], (m[3] - m[2]) * 1e6, m[4] * 1000, m[5] * 1000,
                ratio[1], ratio[NR]
        }' >>"$work/summary"
}

rounds=${ROUNDS:-20}
runs=${RUNS:-100}
: >"$work/summary"
time_in "$work/sheets" "disk"
# On a tmpfs, fsync costs nothing: what is left is the lock's own work.
if [ -d /dev/shm ]; then
    shm=$(mktemp -d /dev/shm/ksb-bench-lock.XXXXXX)
    trap 'rm -rf "$shm"' EXIT
    time_in "$shm" "tmpfs"
fi

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), hyperfine $(hyperfine --version | cut -d' ' -f2), $rounds rounds of $runs runs of each"
cat "$work/summary"
