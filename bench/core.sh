#!/usr/bin/env bash
# Core benchmark: the cmark-gfm CLI rendering every .md of a corpus two at a time, against
# Herald reading + parsing + extracting the same files on both cores (release build).
# Prints the median wall time of 3 runs of each and the ratio Herald / cmark-gfm.
#
#   bench/core.sh [CORPUS_DIR]        default: ../shared/corpus/zh-cn
#   RUNS=5 bench/core.sh ...          more runs
set -euo pipefail

cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/zh-cn}"
runs="${RUNS:-3}"
scratch="${SCRATCH:-.build-core}"

if [ ! -d "$corpus" ]; then
    echo "no corpus at $corpus" >&2
    exit 1
fi
if ! command -v cmark-gfm > /dev/null; then
    echo "installing cmark-gfm" >&2
    apt-get install -y cmark-gfm > /dev/null
fi

if ! swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product herald > /dev/null 2>&1; then
    swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product herald
    exit 1
fi
herald="$scratch/release/herald"

files=$(find "$corpus" -name '*.md' | wc -l)
bytes=$(find "$corpus" -name '*.md' -print0 | xargs -0 cat | wc -c)

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

run_cmark() {
    find "$corpus" -name '*.md' -print0 | xargs -0 -P2 -n1 cmark-gfm -e table --unsafe > /dev/null
}
run_herald() {
    "$herald" inspect --stats --quiet "$corpus" > /dev/null
}

cmark_times=()
herald_times=()
for _ in $(seq "$runs"); do
    start=$(now); run_cmark; end=$(now)
    cmark_times+=("$(echo "$end - $start" | bc -l)")
    start=$(now); run_herald; end=$(now)
    herald_times+=("$(echo "$end - $start" | bc -l)")
done

cmark=$(printf '%s\n' "${cmark_times[@]}" | median)
herald_median=$(printf '%s\n' "${herald_times[@]}" | median)
ratio=$(echo "$herald_median / $cmark" | bc -l)

printf 'corpus: %s (%d files, %.1f MB), %d runs, %s cores, load %s\n' \
    "$corpus" "$files" "$(echo "$bytes / 1000000" | bc -l)" "$runs" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'cmark-gfm -e table --unsafe, xargs -P2 : median %6.2f s  (runs: %s)\n' "$cmark" "${cmark_times[*]}"
printf 'herald inspect --stats --quiet (2 cores): median %6.2f s  (runs: %s)\n' "$herald_median" "${herald_times[*]}"
printf 'ratio herald / cmark-gfm: %.2f\n' "$ratio"
