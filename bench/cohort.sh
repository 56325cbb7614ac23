#!/usr/bin/env bash
# Benchmark of `ksb summary` (issue 6), from a fresh checkout:
#   (a) one sheet: `ksb summary SHEET` against `cat SHEET` (target: within 3× the wall time);
#   (b) a cohort of 10,000 sheets (280,000 scores): `ksb summary DIR --format json` against
#       Miller computing the same group means from the same scores in one CSV (target: faster).
# Installs hyperfine and miller with apt-get when missing, builds with --release, generates the
# cohort with a fixed seed, checks that ksb and mlr compute the same means, times both with
# hyperfine and prints the two ratios.
#
# Usage: bench/cohort.sh            (SHEETS=1000 SEED=7 bench/cohort.sh for another cohort)
set -euo pipefail
cd "$(dirname "$0")/.."

sheets=${SHEETS:-10000}
seed=${SEED:-42}

if ! command -v hyperfine >/dev/null || ! command -v mlr >/dev/null; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends \
        hyperfine miller
fi

. bench/built.sh
ksb=$(built_executable ksb --release --locked --bin ksb)
gen_cohort=$(built_executable gen_cohort --release --locked --example gen_cohort)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Generating $sheets sheets (seed $seed) in $work ..."
"$gen_cohort" "$work" "$sheets" "$seed"
sheet=$work/sheets/g00/p00000.toml
csv=$work/scores.csv

# Both sides must compute the same figures, or the comparison means nothing.
"$ksb" summary "$work/sheets" --format json >"$work/ksb.json"
mlr --ijson --ocsv put -q -f bench/ksb-means.mlr "$work/ksb.json" | sort >"$work/ksb-means"
mlr --icsv --ocsv put -q -f bench/means.mlr "$csv" | sort >"$work/mlr-means"
if ! diff "$work/ksb-means" "$work/mlr-means"; then
    echo "ksb and mlr disagree on the group means (above); not timing them" >&2
    exit 1
fi
echo "ksb and mlr agree on all $(wc -l <"$work/mlr-means") group means."

hyperfine -N --warmup 20 --runs 300 --export-json "$work/one.json" \
    "$ksb summary $sheet" "cat $sheet"
hyperfine -N --warmup 2 --runs 10 --export-json "$work/cohort.json" \
    "$ksb summary $work/sheets --format json" "mlr --icsv --ocsv put -q -f bench/means.mlr $csv"

# The mean wall time (seconds) of the first and second command of a hyperfine export.
means() {
    mlr --ijson --ocsv put -q 'print $results[1]["mean"] . " " . $results[2]["mean"]' "$1"
}
read -r ksb_one cat_one < <(means "$work/one.json")
read -r ksb_cohort mlr_cohort < <(means "$work/cohort.json")

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
awk -v ksb="$ksb_one" -v cat="$cat_one" 'BEGIN {
    ratio = ksb / cat
    printf "(a) one sheet:  ksb %.2f ms, cat %.2f ms: ksb takes %.2f× the time of cat (target ≤ 3×: %s)\n",
        ksb * 1000, cat * 1000, ratio, (ratio <= 3 ? "met" : "MISSED")
}'
awk -v ksb="$ksb_cohort" -v mlr="$mlr_cohort" -v n="$sheets" 'BEGIN {
    ratio = mlr / ksb
    printf "(b) %d sheets: ksb %.0f ms, mlr %.0f ms: ksb is %.2f× as fast as mlr (target > 1×: %s)\n",
        n, ksb * 1000, mlr * 1000, ratio, (ratio > 1 ? "met" : "MISSED")
}'
