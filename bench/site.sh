#!/usr/bin/env bash
# Site benchmark (issue 6, "Speed at scale"). In one run and on the same files, times:
#   (a) the floor: the cmark-gfm CLI rendering every .md of the corpus, two processes at a time
#   (b) Hugo (Debian's hugo package, 0.111) building the same content with minimal templates (bench/hugo/)
#   (c) herald build, full, into a fresh output folder (and a fresh cache)
#   (d) herald build after one document changed (a space appended), same output folder
#   (e) herald build with nothing changed
#   (f) the in-process floor (bench/floor.c): the C parts every build with Herald's outputs must do
#       (cmark-gfm, libxml2, SHA-2, writing as many files and bytes as (c) wrote), two processes
# and prints the median wall time of RUNS runs, documents per second, peak memory, Herald's CPU time
# (user + sys), the floor's CPU time per part, and the ratios Herald/floor and Hugo/Herald.
#
#   bench/site.sh [CORPUS_DIR ...]      default: ../shared/corpus/zh-cn
#   RUNS=5 bench/site.sh ...            more runs (default 3)
#   SCRATCH=.build-x bench/site.sh      another scratch path for the release build (default .build-bench)
#
# Each CORPUS_DIR is one locale's content folder; its name gives the locale tag (zh-cn -> zh-CN).
# The corpus is copied to a temp folder first; ../shared is never modified. Temp folders are removed
# on exit.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)
runs="${RUNS:-3}"
scratch="${SCRATCH:-.build-bench}"
if [ $# -eq 0 ]; then set -- ../shared/corpus/zh-cn; fi

for dir in "$@"; do
    if [ ! -d "$dir" ]; then echo "no corpus folder at $dir" >&2; exit 1; fi
done

source "$repo/bench/common.sh"
need cmark-gfm cmark-gfm
need hugo hugo
[ -x /usr/bin/time ] || need /usr/bin/time time

build_herald

make_work herald-site-bench
build_floor "$work/floor"

# One private copy of each corpus: cmark-gfm, Herald and (a second copy) Hugo read the same bytes.
content_args=()
languages="$work/hugo/languages.toml"
mkdir -p "$work/corpus" "$work/hugo/content"
cp -r "$repo/bench/hugo/." "$work/hugo/"
weight=0
for dir in "$@"; do
    name=$(basename "$dir" | tr '[:upper:]' '[:lower:]')
    tag=$(tag_of "$dir")
    cp -a "$dir/." "$work/corpus/$name/"
    content_args+=(--content "$tag=$work/corpus/$name")
    # Hugo: one language per corpus, its own content folder. A content/index.md would make the whole
    # folder one leaf bundle (every other page a resource of it), so it becomes _index.md (the home page).
    cp -a "$dir/." "$work/hugo/content/$name/"
    [ -f "$work/hugo/content/$name/index.md" ] && mv "$work/hugo/content/$name/index.md" "$work/hugo/content/$name/_index.md"
    weight=$((weight + 1))
    if [ "$weight" -eq 1 ]; then printf 'defaultContentLanguage = "%s"\n[languages]\n' "$name" > "$languages"; fi
    printf '[languages.%s]\ncontentDir = "content/%s"\nlanguageCode = "%s"\nweight = %d\n' "$name" "$name" "$tag" "$weight" >> "$languages"
done
docs=$(find "$work/corpus" -name '*.md' | wc -l)
bytes=$(find "$work/corpus" -name '*.md' -print0 | xargs -0 cat | wc -c)

# The document changed in (d): the reference advisory if present, else the first .md in path order.
touched=$(find "$work/corpus" -path '*/SecurityAdvisories/2008/954474.md' | head -n 1)
[ -n "$touched" ] || touched=$(find "$work/corpus" -name '*.md' | sort | head -n 1)

# Herald's configuration: the repo's site.yml with absolute templates and the cache inside a new
# folder for every full build, so (c) is always cold. Nothing is deleted between timed steps: ext4
# pays for creating files right after ~10,000 were deleted (recently_deleted() in the inode
# allocator, ~4 s of system time for Herald's 12,000 files here), a cost of the benchmark, not of
# either tool. Every run's folders go when the script exits.
fresh_herald() { # run number
    herald_dir="$work/herald-$1"
    mkdir -p "$herald_dir"
    sed -e "s#^templates:.*#templates: $repo/templates#" -e '/^cache:/d' -e '/^output:/d' "$repo/site.yml" > "$herald_dir/site.yml"
    printf 'output: out\ncache: cache\n' >> "$herald_dir/site.yml"
    herald_cmd=("$herald" build --config "$herald_dir/site.yml" "${content_args[@]}" --out "$herald_dir/out" --quiet)
}
# -n1: one cmark-gfm process per file, as bench/core.sh does.
floor_cmd=(bash -c "find '$work/corpus' -name '*.md' -print0 | xargs -0 -P2 -n1 cmark-gfm -e table --unsafe > /dev/null")
hugo_cmd() { # run number (0: the untimed first build); sets the array $hugo
    hugo=(hugo --quiet --source "$work/hugo" --config config.toml,languages.toml --destination "$work/hugo-out-$1"
          --cacheDir "$work/hugo-cache-$1")
}
run_hugo() { rm -rf "$work/hugo-out-0" "$work/hugo-cache-0"; hugo_cmd 0; "${hugo[@]}"; }

# Hugo: a first, untimed build; a file Hugo cannot read is excluded (and counted) and Hugo tried again.
hugo_excluded=0
for _ in $(seq 50); do
    if hugo_log=$(run_hugo 2>&1); then break; fi
    bad=$(printf '%s\n' "$hugo_log" | grep -o "$work/hugo/content/[^\":]*\.md" | sort -u || true)
    if [ -z "$bad" ]; then
        echo "hugo failed and names no content file:" >&2
        printf '%s\n' "$hugo_log" | tail -n 20 >&2
        exit 1
    fi
    while IFS= read -r file; do
        echo "hugo cannot build $file: excluded" >&2
        rm -f "$file"
        hugo_excluded=$((hugo_excluded + 1))
    done <<< "$bad"
done
hugo_pages=$(find "$work/hugo-out-0" -name '*.html' | wc -l)
hugo_warnings=$(printf '%s\n' "${hugo_log:-}" | grep -c 'WARN' || true)

# time_into NAME COMMAND...: appends "seconds peak_kb user_s sys_s exit_status" to $work/t-NAME.
# Each step starts after a `sync` (not timed): otherwise it pays for the write-back of the step
# before it (Hugo's output under Herald's full build, the full build's 350 MB under (d)).
time_into() {
    local name=$1; shift
    local status=0
    sync
    /usr/bin/time -f '%e %M %U %S' -o "$work/time.out" "$@" > "$work/last.out" 2> "$work/last.err" || status=$?
    printf '%s %s\n' "$(tail -n 1 "$work/time.out")" "$status" >> "$work/t-$name"
    if [ "$status" -ne 0 ]; then
        echo "$name exited with $status:" >&2
        tail -n 5 "$work/last.err" "$work/last.out" >&2
    fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq "$runs"); do
    echo "run $run/$runs" >&2
    time_into floor "${floor_cmd[@]}"
    hugo_cmd "$run"
    time_into hugo "${hugo[@]}"
    fresh_herald "$run"
    time_into full "${herald_cmd[@]}"
    cp "$work/last.out" "$work/full.summary"
    printf ' ' >> "$touched"
    time_into touched "${herald_cmd[@]}"
    cp "$work/last.out" "$work/touched.summary"
    time_into noop "${herald_cmd[@]}"
    cp "$work/last.out" "$work/noop.summary"
    [ "$run" -gt 1 ] || floor_lists "$herald_dir/out" "$work/corpus" "$work/lists"
    floor_command "$work/floor" "$work/lists" "$work/floor-out-$run"
    time_into inproc "${floor_run[@]}"
    floor_parts "$work/floor-out-$run" > "$work/parts-$run"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Report.
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
col() { awk -v c="$2" '{ print $c }' "$work/t-$1"; }
declare -A med peak
for step in floor hugo full touched noop inproc; do
    med[$step]=$(col "$step" 1 | median)
    peak[$step]=$(col "$step" 2 | sort -g | tail -n 1)
done
failed=$(cat "$work"/t-floor "$work"/t-hugo "$work"/t-full "$work"/t-touched "$work"/t-noop "$work"/t-inproc | awk '$5 != 0' | wc -l)
herald_cpu=$(awk '{ print $3 + $4 }' "$work/t-full" | median)
declare -A part_cpu
floor_cpu=0
for part in $(awk '{ print $1 }' "$work/parts-1"); do
    part_cpu[$part]=$(cat "$work"/parts-* | awk -v p="$part" '$1 == p { print $2 }' | median)
    case " $floor_counted " in *" $part "*) floor_cpu=$(echo "$floor_cpu + ${part_cpu[$part]}" | bc -l) ;; esac
done
# Paired ratios: each run's Hugo / Herald and Herald CPU / floor CPU, then their median. The tools
# of one run meet the same state of the machine (on a shared host, file writes can cost several
# times more for minutes at a time), which a ratio of two medians does not pair.
paired_hugo=$(paste -d' ' "$work/t-hugo" "$work/t-full" | awk '$6 > 0 { print $1 / $6 }' | median)
paired_cpu=$(for run in $(seq "$runs"); do
    sum=$(awk -v counted=" $floor_counted " 'index(counted, " " $1 " ") { s += $2 } END { print s + 0 }' "$work/parts-$run")
    awk -v n="$run" -v floor="$sum" 'NR == n && floor > 0 { print ($3 + $4) / floor }' "$work/t-full"
done | median)

printf '\ncorpus: %s\n' "$*"
printf '%d documents (.md), %.1f MB of Markdown; %d runs; %s cores; load before %s, after %s\n' \
    "$docs" "$(echo "$bytes / 1000000" | bc -l)" "$runs" "$(nproc)" "$load_before" "$load_after"
printf 'herald %s (%s), hugo %s, cmark-gfm %s\n' "$version" "$scratch/release/herald" \
    "$(hugo version | awk '{ print $2 }')" "$(cmark-gfm --version | head -n 1 | awk '{ print $2 }')"
printf 'hugo: %d HTML pages, %d file(s) excluded because Hugo could not build them, %d warning line(s)\n' \
    "$hugo_pages" "$hugo_excluded" "$hugo_warnings"
printf 'changed document in (d): %s\n\n' "${touched#"$work/corpus/"}"
printf '%-44s %10s %10s %10s   %s\n' "step" "median s" "docs/s" "peak MB" "all runs (s)"
line() { # step label
    local rate="-"
    if [ "$(echo "${med[$1]} > 0" | bc -l)" -eq 1 ]; then rate=$(printf '%.0f' "$(echo "$docs / ${med[$1]}" | bc -l)"); fi
    printf '%-44s %10.2f %10s %10.0f   %s\n' "$2" "${med[$1]}" "$rate" "$(echo "${peak[$1]} / 1024" | bc -l)" "$(col "$1" 1 | tr '\n' ' ')"
}
line floor "(a) floor: cmark-gfm CLI, xargs -P2 -n1"
line hugo "(b) hugo 0.111, minimal templates"
line full "(c) herald build, full (fresh out + cache)"
line touched "(d) herald build, 1 document changed"
line noop "(e) herald build, nothing changed"
line inproc "(f) in-process floor, bench/floor.c, 2 procs"
ratio() { if [ "$(echo "$2 > 0" | bc -l)" -eq 1 ]; then printf '%.2f' "$(echo "$1 / $2" | bc -l)"; else printf 'n/a'; fi; }
printf '\nratio herald full / floor: %s    hugo / herald full: %s    herald full / changed-1: %s\n' \
    "$(ratio "${med[full]}" "${med[floor]}")" "$(ratio "${med[hugo]}" "${med[full]}")" "$(ratio "${med[full]}" "${med[touched]}")"
printf '\nCPU seconds (user + sys, median of %s runs)\n' "$runs"
printf '  herald build, full:                         %8.2f\n' "$herald_cpu"
printf '  in-process floor, sum of the parts below:   %8.2f\n' "$floor_cpu"
for part in $(awk '{ print $1 }' "$work/parts-1"); do
    case " $floor_counted " in *" $part "*) note="" ;; *) note="   (not in the sum)" ;; esac
    printf '    %-8s %8.2f%s\n' "$part" "${part_cpu[$part]}" "$note"
done
printf '  floor: %s\n' "$(cat "$work/floor-out-1.0" "$work/floor-out-1.1" | awk 'NF > 3 { for (i = 1; i < NF; i += 2) v[$i] += $(i + 1); if (!n) for (i = 1; i < NF; i += 2) k[++n] = $i }
    END { for (i = 1; i <= n; i++) printf "%s %d ", k[i], v[k[i]] }')"
printf 'ratio herald CPU / floor CPU: %s (target <= 1.5)    herald full / in-process floor, wall: %s\n' \
    "$(ratio "$herald_cpu" "$floor_cpu")" "$(ratio "${med[full]}" "${med[inproc]}")"
printf 'paired, the median of the runs'"'"' own ratios: hugo / herald full: %.2f    herald CPU / floor CPU: %.2f\n' "$paired_hugo" "$paired_cpu"
printf 'herald, last run:\n  full:    %s\n  changed: %s\n  no-op:   %s\n' \
    "$(tail -n 1 "$work/full.summary")" "$(tail -n 1 "$work/touched.summary")" "$(tail -n 1 "$work/noop.summary")"
printf 'peak MB: the largest resident set of one process (for (a), of one cmark-gfm; for (f), of one floor process; two run at once)\n'
if [ "$failed" -gt 0 ]; then
    echo "warning: $failed timed command(s) exited non-zero (see above)" >&2
    exit 1
fi
