#!/usr/bin/env bash
# Alternated runs of several herald binaries on the same corpus, for comparing two builds of the code
# on a machine whose speed drifts (issue 16): each round runs every binary once, in turn.
#
#   bench/alternate.sh cold N BIN…          N rounds of a cold build (new output and cache folder)
#   bench/alternate.sh incremental N BIN…   one cold build per binary, then N rounds of one changed
#                                           document and a no-op
#
# CORPUS (default ../shared/corpus/zh-cn) is copied once into a folder under TMPDIR (default /dev/shm,
# so that ext4's inode allocator stays out of the figure). Prints every run ("binary step wall user sys")
# and then the medians of wall and user + sys seconds per binary and step.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)
mode=${1:?cold or incremental}
rounds=${2:?number of rounds}
shift 2
[ $# -gt 0 ] || { echo "name at least one herald binary" >&2; exit 1; }
corpus=${CORPUS:-../shared/corpus/zh-cn}
[ -d "$corpus" ] || { echo "no corpus folder at $corpus" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/dev/shm}/herald-alternate.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -a "$corpus/." "$work/corpus/"
source "$repo/bench/common.sh"
tag=$(tag_of "$corpus")
touched=$(find "$work/corpus" -path '*/SecurityAdvisories/2008/954474.md' | head -n 1)
[ -n "$touched" ] || touched=$(find "$work/corpus" -name '*.md' | sort | head -n 1)

# site BIN DIR: a configuration in DIR with its output and cache inside it; sets $command.
site() {
    mkdir -p "$2"
    sed -e "s#^templates:.*#templates: $repo/templates#" -e '/^cache:/d' -e '/^output:/d' "$repo/site.yml" > "$2/site.yml"
    printf 'output: out\ncache: cache\n' >> "$2/site.yml"
    command=("$1" build --config "$2/site.yml" --content "$tag=$work/corpus" --out "$2/out" --quiet)
}
timed() { # NAME STEP: runs $command, prints "NAME STEP wall user sys"
    /usr/bin/time -f "$1 $2 %e %U %S" -o "$work/time" "${command[@]}" > /dev/null
    cat "$work/time"
}

{
    if [ "$mode" = incremental ]; then
        index=0
        for binary in "$@"; do
            index=$((index + 1))
            site "$binary" "$work/site-$index"
            "${command[@]}" > /dev/null
        done
    fi
    for round in $(seq "$rounds"); do
        index=0
        for binary in "$@"; do
            index=$((index + 1))
            name="$index:$(basename "$binary")"
            if [ "$mode" = cold ]; then
                site "$binary" "$work/cold"
                timed "$name" cold
                rm -rf "$work/cold"
            else
                site "$binary" "$work/site-$index"
                echo " " >> "$touched"
                timed "$name" one-changed
                timed "$name" no-op
            fi
        done
    done
} | tee "$work/runs"

echo
awk '{ key = $1 " " $2; n[key]++; wall[key, n[key]] = $3; cpu[key, n[key]] = $4 + $5; if (!(key in seen)) { seen[key] = 1; keys[++k] = key } }
     function median(a, key, count,   i, j, t, v) {
         for (i = 1; i <= count; i++) v[i] = a[key, i]
         for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
         return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
     }
     END { printf "%-40s %-12s %10s %10s\n", "binary", "step", "wall s", "cpu s"
           for (i = 1; i <= k; i++) printf "%-40s %-12s %10.3f %10.3f\n", substr(keys[i], 1, index(keys[i], " ") - 1), substr(keys[i], index(keys[i], " ") + 1), median(wall, keys[i], n[keys[i]]), median(cpu, keys[i], n[keys[i]]) }' "$work/runs"
