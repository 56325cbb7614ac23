#!/usr/bin/env bash
# Benchmark of the write lock (issue 16): what one `ksb score SHEET K3=2` costs with the lock
# (this checkout) against the same write without it (the commit just before the lock came in,
# built from `git archive` into a folder of its own, so the checkout is never touched), same
# sheet, same machine, same run. Both binaries fsync the new file and its folder; the lock adds
# creating, locking, checking and removing `.SHEET.lock`.
#
# Installs hyperfine with apt-get when missing, builds both binaries with --release, times them
# with hyperfine on a sheet in target/ (a real disk, not a tmpfs: fsync costs what it costs) and
# prints the ratio. CI does not run it.
#
# Usage: bench/lock.sh              (BASE=<commit> bench/lock.sh to compare with another commit)
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
CARGO_TARGET_DIR=$work/target cargo build --release --locked --bin ksb \
    --manifest-path "$work/src/Cargo.toml"
cargo build --release --locked --bin ksb
without=$work/without-lock
cp "$work/target/release/ksb" "$without"
with=$work/with-lock
cp "$target/release/ksb" "$with"

sheet=$work/sheets/me.toml
cp tests/fixtures/commented.toml "$sheet"
for ksb in "$without" "$with"; do
    "$ksb" score "$sheet" K3=2 >/dev/null
done
if ! diff <("$without" show "$sheet") <("$with" show "$sheet") >/dev/null; then
    echo "the two binaries read the sheet differently; not timing them" >&2
    exit 1
fi

hyperfine -N --warmup 30 --runs 500 --export-csv "$work/lock.csv" \
    -n "without the lock ($base)" "$without score $sheet K3=2" \
    -n "with the lock" "$with score $sheet K3=2"
if ls -A "$work/sheets" | grep -qv '^me.toml$'; then
    echo "files left beside the sheet: $(ls -A "$work/sheets")" >&2
    exit 1
fi

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(df -T "$work" | awk 'NR == 2 { print $2 }') file system"
# hyperfine's CSV: command,mean,stddev,median,user,system,min,max (seconds).
awk -F, 'NR == 2 { without = $2 } NR == 3 { with = $2 } END {
    printf "ksb score: %.2f ms without the lock, %.2f ms with it: %.3f× the time (%+.0f µs per write)\n",
        without * 1000, with * 1000, with / without, (with - without) * 1e6
}' "$work/lock.csv"
