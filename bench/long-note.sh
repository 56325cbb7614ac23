#!/usr/bin/env bash
# Benchmark of big inputs (issue 21): time grows linearly with the size of a note, and reading
# a sheet takes memory in proportion to the file.
#
# - `ksb show` of a sheet whose one note is a single word (no spaces) of 100 KB, 1 MB and 10 MB
#   (just under ksb's limit), against `fold -w 100` (which wraps the same long line, in linear
#   time) on the same file in the same run (median of hyperfine runs each); ksb's time per byte,
#   and its ratio to fold, staying flat as the note grows tenfold is linearity.
# - Peak memory (GNU time's maximum resident set) of `ksb show` on a sheet padded with 9 MB of
#   blank lines, and of `ksb summary` over four such sheets, against the file's size.
#
# Usage: bench/long-note.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v hyperfine >/dev/null; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends hyperfine
fi

. bench/built.sh
ksb=${KSB:-$(built_executable ksb --release --locked --bin ksb)}
echo "Measuring $ksb"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
base=$work/base.toml
"$ksb" score "$base" --username Alice --role-focus Generalist --date 01/11/2026 K1=2 >/dev/null

for size in 100000 1000000 10000000; do
    sheet=$work/note-$size.toml
    python3 - "$base" "$sheet" "$size" <<'PY'
import sys
base, sheet, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(base).read()
# Just under ksb's limit of 10 MiB for the largest.
size = min(size, 10 * 1024 * 1024 - len(text) - 64)
open(sheet, "w").write(text + '\n[notes]\nK1 = "' + "x" * size + '"\n')
PY
    hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$work/run.json" \
        "$ksb show $sheet" "fold -w 100 $sheet" >/dev/null
    python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
size = int(sys.argv[2])
print("note of %8d bytes: ksb show %8.1f ms (%.0f ns a byte), fold -w 100 %7.1f ms: %5.1fx fold" % (
    size, r[0]["median"] * 1e3, r[0]["median"] * 1e9 / size, r[1]["median"] * 1e3,
    r[0]["median"] / r[1]["median"]))
' "$work/run.json" "$size"
done

blank=$work/blank.toml
python3 - "$base" "$blank" <<'PY'
import sys
text = open(sys.argv[1]).read()
at = text.index("[scores]")
open(sys.argv[2], "w").write(text[:at] + "\n" * (9 * 1024 * 1024) + text[at:])
PY
mkdir "$work/four"
for i in 1 2 3 4; do sed "s/username = \"Alice\"/username = \"Alice$i\"/" "$blank" >"$work/four/$i.toml"; done
file_mb=$(python3 -c 'import os,sys; print("%.1f" % (os.path.getsize(sys.argv[1]) / 2**20))' "$blank")
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
show_kb=$(peak "$ksb" show "$blank")
summary_kb=$(peak "$ksb" summary "$work/four")
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v f="$file_mb" -v s="$show_kb" -v m="$summary_kb" 'BEGIN {
    printf "peak memory: ksb show on a %.1f MB sheet of blank lines %.1f MB (%.1fx the file); ksb summary over four of them %.1f MB\n", f, s / 1024, s / 1024 / f, m / 1024 }'
