#!/usr/bin/env bash
# Benchmark of evidence in the cohort report (issue 26): `ksb summary DIR --format json` over a
# cohort of 10,000 sheets with three evidence items each, against the same cohort (the same
# scores, from the same seed) without evidence, timed in one hyperfine run. The cohort figures
# read each sheet's items once, so the ratio (with / without) stays near the cost of parsing the
# longer files: linear, not a scan of all items per KSB.
#
# Installs hyperfine with apt-get when missing, builds with --release, generates both cohorts
# with examples/gen_cohort.rs, checks that both give the same score figures and that the one
# with evidence read every item, times both and prints the ratio.
#
# Usage: bench/evidence-cohort.sh   (SHEETS=1000 ITEMS=3 SEED=7 RUNS=5 for another run)
set -euo pipefail
cd "$(dirname "$0")/.."

sheets=${SHEETS:-10000}
items=${ITEMS:-3}
seed=${SEED:-42}
runs=${RUNS:-10}

if ! command -v hyperfine >/dev/null; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends hyperfine
fi

. bench/built.sh
ksb=$(built_executable ksb --release --locked --bin ksb)
gen_cohort=$(built_executable gen_cohort --release --locked --example gen_cohort)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Generating $sheets sheets (seed $seed) with $items evidence items each, and without, in $work ..."
"$gen_cohort" "$work/with" "$sheets" "$seed" "$items"
"$gen_cohort" "$work/without" "$sheets" "$seed"
echo "Sizes: with evidence $(du -sh --apparent-size "$work/with/sheets" | cut -f1), without $(du -sh --apparent-size "$work/without/sheets" | cut -f1)."

# Both cohorts must have the same score figures, and the one with evidence every item read.
"$ksb" summary "$work/with/sheets" --format json >"$work/with.json"
"$ksb" summary "$work/without/sheets" --format json >"$work/without.json"
python3 - "$work/with.json" "$work/without.json" "$((sheets * items))" <<'EOF'
import json, sys
with_, without = (json.load(open(path)) for path in sys.argv[1:3])
evidence = with_.pop("evidence")
none = without.pop("evidence")
if with_ != without:
    sys.exit("the two cohorts' score figures differ: not timing them")
if evidence["items"] != int(sys.argv[3]) or none["items"] != 0:
    sys.exit(f"evidence items read: {evidence['items']} and {none['items']}, expected {sys.argv[3]} and 0")
overall = evidence["overall"]
print(f"Same score figures; {evidence['items']} items read; "
      f"{overall['backed']} of {overall['scored']} scored KSBs backed ({overall['share']:.1%}).")
EOF

hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/times.json" \
    -n "with evidence" "$ksb summary $work/with/sheets --format json" \
    -n "without evidence" "$ksb summary $work/without/sheets --format json"

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/times.json" "$sheets" "$items" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
with_, without = (r["median"] for r in results)
sheets, items = int(sys.argv[2]), int(sys.argv[3])
print(f"{sheets} sheets: with {items} evidence items each {with_ * 1000:.0f} ms, "
      f"without {without * 1000:.0f} ms (medians): ratio {with_ / without:.2f}")
EOF
