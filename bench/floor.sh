#!/usr/bin/env bash
# The in-process floor alone (issue 16): builds the corpus once with Herald (release, fresh output), then
# runs bench/floor.c RUNS times (two processes over halves of the corpus) and prints each part's CPU
# seconds (median of the runs, both processes summed), their sum and the wall time. bench/site.sh runs
# the same floor next to Herald, Hugo and the cmark-gfm CLI; this script is for looking at the floor.
#
#   bench/floor.sh [CORPUS_DIR]          default: ../shared/corpus/zh-cn
#   RUNS=5 bench/floor.sh                more runs (default 3)
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)
runs="${RUNS:-3}"
scratch="${SCRATCH:-.build-bench}"
corpus="${1:-../shared/corpus/zh-cn}"
[ -d "$corpus" ] || { echo "no corpus folder at $corpus" >&2; exit 1; }

source "$repo/bench/common.sh"
[ -x /usr/bin/time ] || need /usr/bin/time time
build_herald

make_work herald-floor-bench
build_floor "$work/floor"

name=$(basename "$corpus" | tr '[:upper:]' '[:lower:]')
cp -a "$corpus/." "$work/corpus/"
sed -e "s#^templates:.*#templates: $repo/templates#" -e '/^cache:/d' -e '/^output:/d' "$repo/site.yml" > "$work/site.yml"
printf 'output: out\ncache: cache\n' >> "$work/site.yml"
"$herald" build --config "$work/site.yml" --content "$(tag_of "$corpus")=$work/corpus" --out "$work/out" --quiet > /dev/null
floor_lists "$work/out" "$work/corpus" "$work/lists"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq "$runs"); do
    echo "run $run/$runs" >&2
    floor_command "$work/floor" "$work/lists" "$work/floor-out-$run"
    /usr/bin/time -f '%e' -o "$work/time.out" "${floor_run[@]}"
    tail -n 1 "$work/time.out" >> "$work/wall"
    floor_parts "$work/floor-out-$run" > "$work/parts-$run"
done

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '\ncorpus: %s (%s); herald %s wrote the lists; %d runs; %s cores; load before %s, after %s\n' "$corpus" "$name" "$version" \
    "$runs" "$(nproc)" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
cat "$work/floor-out-1.0" "$work/floor-out-1.1" | awk 'NF > 3 { for (i = 1; i < NF; i += 2) v[$i] += $(i + 1); if (!n) for (i = 1; i < NF; i += 2) k[++n] = $i }
    END { for (i = 1; i <= n; i++) printf "%s %d\n", k[i], v[k[i]] }' | column -t
printf '\n%-10s %12s   %s\n' part "CPU s" "all runs"
sum=0
for part in $(awk '{ print $1 }' "$work/parts-1"); do
    values=$(cat "$work"/parts-* | awk -v p="$part" '$1 == p { print $2 }')
    value=$(printf '%s\n' "$values" | median)
    case " $floor_counted " in *" $part "*) sum=$(echo "$sum + $value" | bc -l); note="" ;; *) note="(not in the sum)" ;; esac
    printf '%-10s %12.3f   %s %s\n' "$part" "$value" "$(printf '%s\n' "$values" | tr '\n' ' ')" "$note"
done
printf '%-10s %12.3f\n%-10s %12.2f   %s\n' sum "$sum" "wall s" "$(median < "$work/wall")" "$(tr '\n' ' ' < "$work/wall")"
