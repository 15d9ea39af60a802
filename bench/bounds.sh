#!/usr/bin/env bash
# What the parts of a Herald build cost on their own, done by fast C tools (issue 6: is the target
# reachable at all?). On the same copy of a corpus, two processes at a time, median of RUNS runs:
#   (p) parse:   the cmark-gfm CLI rendering every .md, 200 files per process (no per-file spawn)
#   (x) libxml2: xmllint --html parsing every HTML page Herald writes (the sanitiser's parser)
#   (f) files:   copying Herald's output (every page, record, CSAF file, hash, feed) into an empty folder
#   (h) hashes:  sha256sum and sha512sum over every CSAF document (the .sha256/.sha512 files)
#   (b) Hugo:    the same build bench/site.sh times
# and prints their sum next to Hugo / 3 and the site.sh floor x 1.25. A build that must do (p), (x),
# (f) and (h) cannot take less than their sum, whatever it is written in.
#
#   bench/bounds.sh [CORPUS_DIR]      default: ../shared/corpus/zh-cn
#   RUNS=5 bench/bounds.sh
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)
runs="${RUNS:-3}"
scratch="${SCRATCH:-.build-bench}"
corpus="${1:-../shared/corpus/zh-cn}"
[ -d "$corpus" ] || { echo "no corpus folder at $corpus" >&2; exit 1; }

source "$repo/bench/common.sh"
need cmark-gfm cmark-gfm
need hugo hugo
need xmllint libxml2-utils
[ -x /usr/bin/time ] || need /usr/bin/time time

build_herald

work=$(mktemp -d /tmp/herald-bounds.XXXXXX)
trap 'rm -rf "$work"' EXIT
name=$(basename "$corpus" | tr '[:upper:]' '[:lower:]')
tag=$(tag_of "$corpus")
cp -a "$corpus/." "$work/corpus/"
mkdir -p "$work/hugo/content"
cp -r "$repo/bench/hugo/." "$work/hugo/"
cp -a "$corpus/." "$work/hugo/content/$name/"
[ -f "$work/hugo/content/$name/index.md" ] && mv "$work/hugo/content/$name/index.md" "$work/hugo/content/$name/_index.md"
printf 'defaultContentLanguage = "%s"\n[languages]\n[languages.%s]\ncontentDir = "content/%s"\nlanguageCode = "%s"\nweight = 1\n' \
    "$name" "$name" "$name" "$tag" > "$work/hugo/languages.toml"
docs=$(find "$work/corpus" -name '*.md' | wc -l)

# One Herald build gives the files the other steps work on.
sed -e "s#^templates:.*#templates: $repo/templates#" -e '/^cache:/d' -e '/^output:/d' "$repo/site.yml" > "$work/site.yml"
printf 'output: out\ncache: cache\n' >> "$work/site.yml"
"$herald" build --config "$work/site.yml" --content "$tag=$work/corpus" --out "$work/out" --quiet > /dev/null
(cd "$work/out" && find . -type f > "$work/files.txt" && find . -name '*.html' > "$work/pages.txt")
find "$work/out" -path '*/csaf/*' -name '*.json' ! -name 'provider-metadata.json' > "$work/csaf.txt"

time_into() { # name command...
    local name=$1; shift
    /usr/bin/time -f '%e' -o "$work/time.out" "$@" > /dev/null 2>&1 || { echo "$name failed" >&2; exit 1; }
    tail -n 1 "$work/time.out" >> "$work/t-$name"
}
copy_output() { # destination: every output file, two cp processes at a time, into an empty folder
    mkdir -p "$1"
    (cd "$work/out" && find . -type d | (cd "$1" && xargs mkdir -p) && xargs -P2 -n 500 cp --parents -t "$1" < "$work/files.txt")
}
export -f copy_output
export work

for run in $(seq "$runs"); do
    echo "run $run/$runs" >&2
    time_into parse bash -c "find '$work/corpus' -name '*.md' -print0 | xargs -0 -P2 -n 200 cmark-gfm -e table --unsafe"
    time_into libxml2 bash -c "cd '$work/out' && xargs -P2 -n 200 xmllint --html --noout < '$work/pages.txt'"
    time_into files bash -c "copy_output '$work/copy-$run'"
    time_into hashes bash -c "xargs -P2 -n 200 sha256sum < '$work/csaf.txt'; xargs -P2 -n 200 sha512sum < '$work/csaf.txt'"
    time_into hugo hugo --quiet --source "$work/hugo" --config config.toml,languages.toml --destination "$work/hugo-out-$run" --cacheDir "$work/hugo-cache-$run"
    time_into floor bash -c "find '$work/corpus' -name '*.md' -print0 | xargs -0 -P2 -n1 cmark-gfm -e table --unsafe"
done

median() { sort -g "$work/t-$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
declare -A med
for step in parse libxml2 files hashes hugo floor; do med[$step]=$(median "$step"); done
sum=$(echo "${med[parse]} + ${med[libxml2]} + ${med[files]} + ${med[hashes]}" | bc -l)

printf '\ncorpus: %s (%d documents); herald %s; %s cores; load %s\n' "$corpus" "$docs" "$version" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'herald output: %d files, %d HTML pages, %d CSAF documents, %s\n\n' "$(wc -l < "$work/files.txt")" "$(wc -l < "$work/pages.txt")" \
    "$(wc -l < "$work/csaf.txt")" "$(du -sh "$work/out" | cut -f1)"
printf '%-66s %8s\n' "part (two processes at a time, median of $runs)" "s"
printf '%-66s %8.2f\n' "(p) parse: cmark-gfm CLI, 200 files per process" "${med[parse]}"
printf '%-66s %8.2f\n' "(x) libxml2: xmllint --html --noout over every page" "${med[libxml2]}"
printf '%-66s %8.2f\n' "(f) files: copy of the whole output into an empty folder" "${med[files]}"
printf '%-66s %8.2f\n' "(h) hashes: sha256sum + sha512sum over every CSAF document" "${med[hashes]}"
printf '%-66s %8.2f\n' "sum of the parts" "$sum"
printf '%-66s %8.2f\n' "Hugo / 3 (the 3x-faster-than-Hugo target)" "$(echo "${med[hugo]} / 3" | bc -l)"
printf '%-66s %8.2f\n' "floor x 1.25 (cmark-gfm CLI, one process per file, as in site.sh)" "$(echo "${med[floor]} * 1.25" | bc -l)"
