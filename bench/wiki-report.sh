#!/usr/bin/env bash
# Benchmark of the wiki's pictures and the cohort's page (issue 25), from a fresh checkout, on a
# throw-away MediaWiki served by PHP's built-in server on 127.0.0.1 (.ci/setup-mediawiki):
#   (a) requests per `ksb wiki publish` of one sheet to a new page, without and with --chart
#       (goal: at most 3 more with the chart), and of the same publish again (nothing to do);
#   (b) `ksb wiki report --prefix P --page TITLE` for cohorts of 30 and 300 sheet pages
#       (generated with a fixed seed, exported with `ksb export --notes`, imported into the
#       wiki): the time of the first publish, of a publish again (nothing changed), of the same
#       with `--with heatmap,roster` (the heatmap uploaded), and the page sizes, against
#       `ksb wiki pull --prefix P` of the same cohort (the reference: reading the same pages
#       into sheet files) measured in the same run; and `ksb summary` of the pulled folder.
# Installs hyperfine with apt-get when missing, builds with --release.
#
# Usage: bench/wiki-report.sh          (SIZES="30 300 1000" SEED=7 bench/wiki-report.sh for others)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${SIZES:-"30 300"}
seed=${SEED:-25}
mw=/usr/share/mediawiki

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
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# A copy of the throw-away wiki, served on a free port of 127.0.0.1.
base_conf=$(.ci/setup-mediawiki target/mediawiki)
base=$(dirname "$base_conf")
wiki=$work/wiki
mkdir -p "$wiki"
cp "$base"/*.sqlite "$wiki"/
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed -e "s|\$wgSQLiteDataDir = \"$base\";|\$wgSQLiteDataDir = \"$wiki\";|" \
    -e "s|\$wgServer = \"http://localhost\";|\$wgServer = \"http://127.0.0.1:$port\";|" \
    "$base_conf" >"$wiki/LocalSettings.php"
printf '\n$wgRateLimits = [];\n$wgEnableBotPasswords = true;\n' >>"$wiki/LocalSettings.php"
cat >"$wiki/router.php" <<'PHP'
<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$action = $_GET['action'] ?? $_POST['action'] ?? '';
file_put_contents(getenv('KSB_BENCH_LOG'), $_SERVER['REQUEST_METHOD'] . " $path $action\n", FILE_APPEND | LOCK_EX);
define('MW_CONFIG_FILE', getenv('KSB_BENCH_CONF'));
if ($path === '/api.php' || $path === '/index.php') {
    chdir('/usr/share/mediawiki');
    require '/usr/share/mediawiki' . $path;
    return true;
}
http_response_code(404);
PHP
log=$wiki/requests.log
: >"$log"
KSB_BENCH_CONF=$wiki/LocalSettings.php KSB_BENCH_LOG=$log \
    php -S "127.0.0.1:$port" -t "$mw" "$wiki/router.php" >/dev/null 2>&1 &
server=$!
for _ in $(seq 100); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/api.php"; then break; fi
    sleep 0.1
done
maint() { php "$mw/maintenance/$1" --conf "$wiki/LocalSettings.php" "${@:2}"; }
maint createBotPassword.php --appid bench \
    --grants basic,editpage,createeditmovepage,uploadfile,uploadeditmovefile \
    Admin abcdefghijklmnopqrstuvw012345678 >/dev/null
printf 'abcdefghijklmnopqrstuvw012345678\n' >"$work/password"
chmod 600 "$work/password"
export KSB_CONFIG=$work/config.toml
printf '[wiki]\nurl = "http://127.0.0.1:%s/api.php"\nuser = "Admin@bench"\npassword_file = "%s"\n' \
    "$port" "$work/password" >"$KSB_CONFIG"

requests() { wc -l <"$log"; }
length() { # the bytes of a page as the wiki stores it
    curl -s -G "http://127.0.0.1:$port/api.php" --data-urlencode "titles=$1" \
        -d action=query -d prop=info -d format=json -d formatversion=2 |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["query"]["pages"][0]["length"])'
}
count() { # the requests one command sends
    local before
    before=$(requests)
    "$@" >/dev/null
    echo $(($(requests) - before))
}

echo "== (a) requests per publish of one sheet"
cp tests/fixtures/example.toml "$work/plain.toml"
cp tests/fixtures/example.toml "$work/chart.toml"
plain=$(count "$ksb" wiki publish "$work/plain.toml" --page "Bench/Plain")
chart=$(count "$ksb" wiki publish "$work/chart.toml" --page "Bench/Chart" --chart)
again=$(count "$ksb" wiki publish "$work/chart.toml" --chart)
plain_again=$(count "$ksb" wiki publish "$work/plain.toml")

results=$work/results.tsv
: >"$results"
for n in $sizes; do
    dir=$work/$n
    mkdir -p "$dir/pages"
    "$gen_cohort" "$dir" "$n" "$seed" >/dev/null
    find "$dir/sheets" -name '*.toml' | sort | while read -r sheet; do
        "$ksb" export "$sheet" --notes >"$dir/pages/$(basename "$sheet" .toml)"
    done
    maint importTextFiles.php --prefix "Cohort $n/" --user Admin "$dir"/pages/* >/dev/null 2>&1
    page="Cohort $n report"
    start=$(date +%s.%N)
    out=$("$ksb" wiki report --prefix "Cohort $n/" --page "$page")
    first=$(echo "$(date +%s.%N) - $start" | bc)
    first_requests=$(echo "$out" | sed -n 's/^(\([0-9]*\) requests)$/\1/p')
    bytes=$(length "$page")
    start=$(date +%s.%N)
    named=$("$ksb" wiki report --prefix "Cohort $n/" --page "$page (named)" --with heatmap,roster)
    named_first=$(echo "$(date +%s.%N) - $start" | bc)
    named_bytes=$(length "$page (named)")
    svg_bytes=$(echo "$named" | sed -n "s/^Uploaded '.*' (\([0-9]*\) bytes of SVG)$/\1/p")
    "$ksb" wiki pull --prefix "Cohort $n/" -o "$dir/pulled/" >/dev/null
    hyperfine -N --warmup 1 --runs 10 --export-json "$dir/times.json" \
        "$ksb wiki pull --prefix 'Cohort $n/' -o $dir/pulled/" \
        "$ksb wiki report --prefix 'Cohort $n/' --page '$page'" \
        "$ksb wiki report --prefix 'Cohort $n/' --page '$page (named)' --with heatmap,roster" \
        "$ksb wiki report $dir/pulled --page '$page'" \
        "$ksb summary $dir/pulled"
    means=$(python3 -c 'import json, sys; print(" ".join(str(r["mean"]) for r in json.load(open(sys.argv[1]))["results"]))' "$dir/times.json")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$first" "$named_first" "$bytes" \
        "$named_bytes" "$svg_bytes" "$first_requests" "$means" "" "" >>"$results"
done

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(a) requests per publish: $plain without the chart, $chart with it (+$((chart - plain)); goal ≤ +3); again with the same chart $again (without: $plain_again)"
echo "(b) | pages | first publish | again (nothing changed) | with heatmap,roster (first / again) | from the pulled files | reference: wiki pull | report / pull | ksb summary | page size (named) | heatmap SVG | requests |"
echo "    |---|---|---|---|---|---|---|---|---|---|---|"
while IFS=$'\t' read -r n first named_first bytes named_bytes svg reqs means _; do
    read -r pull report named local summary <<<"$means"
    awk -v n="$n" -v first="$first" -v nf="$named_first" -v b="$bytes" -v nb="$named_bytes" -v svg="$svg" \
        -v reqs="$reqs" -v pull="$pull" -v report="$report" -v named="$named" -v local_="$local" -v summary="$summary" 'BEGIN {
        printf "    | %d | %.0f ms | %.0f ms | %.0f / %.0f ms | %.0f ms | %.0f ms | %.2f | %.0f ms | %d B (%d B) | %d B | %d |\n",
            n, first * 1000, report * 1000, nf * 1000, named * 1000, local_ * 1000, pull * 1000,
            report / pull, summary * 1000, b, nb, svg, reqs
    }'
done <"$results"
