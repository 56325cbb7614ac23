#!/usr/bin/env bash
# Benchmark of the programme's cohort commands (issue 13), from a fresh checkout: `ksb summary`,
# `ksb roster` and `ksb calibrate` on generated cohorts of 3,000, 10,000 and 30,000 sheets
# (a self-assessment, a mentor review and a final check per participant, so 30,000 sheets are
# 10,000 participants), each against Miller's `stats1` grouped the same way over the same
# scores in one CSV, in one run.
#
#   summary   <-> mlr filter 'is_numeric($score)' then stats1 -a mean,count -f score -g ksb,preferred_role_focus
#   roster    <-> mlr stats1 -a max,count -f date -g username,assessment_type
#   calibrate <-> mlr filter 'is_numeric($score)' then stats1 -a mean,count -f score -g ksb,assessment_type
#
# Goals: each ksb command at most 0.5x Miller's time, peak memory (max RSS) under 30 MB, and
# time linear in the number of sheets. Installs hyperfine, miller and GNU time with apt-get when
# missing, builds with --release, generates each cohort with a fixed seed (examples/
# gen_programme.rs), checks that ksb and Miller compute the same per-KSB means, times the six
# commands with hyperfine, measures each ksb command's peak memory with GNU time, and prints a
# table of the ratios. The machine's load is printed before and after each size: on a shared
# machine the ratios move with it.
#
# Usage: bench/programme.sh          (SIZES="1000 2000" SEED=7 bench/programme.sh for others)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${SIZES:-"3000 10000 30000"}
seed=${SEED:-13}

if ! command -v hyperfine >/dev/null || ! command -v mlr >/dev/null || [ ! -x /usr/bin/time ]; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends \
        hyperfine miller time
fi

. bench/built.sh
ksb=$(built_executable ksb --release --locked --bin ksb)
gen_programme=$(built_executable gen_programme --release --locked --example gen_programme)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results.tsv
: >"$results"

load() { cut -d' ' -f1-3 /proc/loadavg; }

for n in $sizes; do
    dir=$work/$n
    mkdir -p "$dir"
    echo "== $n sheets: generating (seed $seed) ..."
    "$gen_programme" "$dir" "$n" "$seed"
    sheets=$dir/sheets
    csv=$dir/scores.csv

    # Both sides must compute the same figures, or the comparison means nothing.
    "$ksb" summary "$sheets" --all-sheets --format json >"$dir/ksb.json"
    mlr --ijson --onidx --from "$dir/ksb.json" \
        put -q 'for (i, k in $ksbs) { print k["id"] . "," . fmtnum(k["mean"], "%.6f") }' |
        sort >"$dir/ksb-means"
    mlr --icsv --onidx --ofs , filter 'is_numeric($score)' then stats1 -a mean -f score -g ksb \
        then put '$score_mean = fmtnum($score_mean, "%.6f")' "$csv" | sort >"$dir/mlr-means"
    if ! diff "$dir/ksb-means" "$dir/mlr-means"; then
        echo "ksb and mlr disagree on the per-KSB means (above); not timing them" >&2
        exit 1
    fi
    echo "ksb and mlr agree on all $(wc -l <"$dir/mlr-means") per-KSB means."

    runs=$((n >= 30000 ? 3 : (n >= 10000 ? 5 : 10)))
    echo "load before: $(load)"
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$dir/times.json" \
        "$ksb summary $sheets --format json" \
        "$ksb roster $sheets --format json" \
        "$ksb calibrate $sheets --format json" \
        "mlr --icsv --ojson filter 'is_numeric(\$score)' then stats1 -a mean,count -f score -g ksb,preferred_role_focus $csv" \
        "mlr --icsv --ojson stats1 -a max,count -f date -g username,assessment_type $csv" \
        "mlr --icsv --ojson filter 'is_numeric(\$score)' then stats1 -a mean,count -f score -g ksb,assessment_type $csv"
    echo "load after: $(load)"

    means=$(mlr --ijson --onidx --ofs ' ' --from "$dir/times.json" put -q '
        print $results[1]["mean"] . " " . $results[2]["mean"] . " " . $results[3]["mean"] . " " .
              $results[4]["mean"] . " " . $results[5]["mean"] . " " . $results[6]["mean"]')
    read -r t_summary t_roster t_calibrate m_summary m_roster m_calibrate <<<"$means"
    for command in summary roster calibrate; do
        peak=0
        for _ in 1 2 3; do
            kb=$(/usr/bin/time -f %M "$ksb" "$command" "$sheets" --format json 2>&1 >/dev/null | tail -1)
            if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
        done
        case $command in
            summary) t=$t_summary m=$m_summary ;;
            roster) t=$t_roster m=$m_roster ;;
            calibrate) t=$t_calibrate m=$m_calibrate ;;
        esac
        printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$command" "$t" "$m" "$peak" >>"$results"
    done
done

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load now $(load)"
echo "| sheets | command | ksb | Miller | ksb / Miller (goal ≤ 0.5) | peak memory (goal < 30 MB) | ksb per 1,000 sheets |"
echo "|---|---|---|---|---|---|---|"
awk -F'\t' '{
    ratio = $3 / $4
    mb = $5 / 1024
    printf "| %d | `ksb %s` | %.0f ms | %.0f ms | %.2f (%s) | %.1f MB (%s) | %.1f ms |\n",
        $1, $2, $3 * 1000, $4 * 1000, ratio, (ratio <= 0.5 ? "met" : "MISSED"),
        mb, (mb < 30 ? "met" : "MISSED"), $3 * 1000 / ($1 / 1000)
}' "$results"
