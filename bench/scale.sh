#!/usr/bin/env bash
# Scale benchmark (issue 6, "Speed at scale"): the zh-CN + de-DE corpus made ten times bigger under
# distinct ids, then `herald build` (full, fresh output and cache) on the 1x, 5x and 10x sets.
# Prints wall time, peak memory and the cost per document of each set, and how the per-document
# cost grows against the 1x set (1.00 = linear).
#
#   bench/scale.sh [CORPUS_DIR ...]     default: ../shared/corpus/zh-cn ../shared/corpus/de-de
#   SETS="1 3" bench/scale.sh           which multiples to build (default "1 5 10"; the largest is made)
#   RUNS=3 bench/scale.sh               builds per set, median reported (default 1)
#   SCRATCH=.build-x bench/scale.sh     scratch path of the release build (default .build-bench)
#
# How copies get distinct ids (see bench/README.md): copy 0 is the corpus as it is; in copy c (1..9)
# every .md keeps its folder (so the kind, taken from the first folder, the year folder, relative
# image links and the Images/ folder all stay as they are) and gets a new file name that still
# matches its kind's pattern; ms:assetid in the front matter is mapped the same way, so the id,
# the translation pairing of zh-CN and de-DE and the ID002 check behave as in the original:
#   bulletin   msYY-NNN     -> ms(YY+20*(c%5) mod 100)-(NNN+500*(c/5))     ms16-001 -> ms36-001 (c=1), ms16-501 (c=5)
#   MSVR       msvrYY-NNN   -> the same on YY and NNN
#   summary    msYY-mon     -> YY as above; for c>=5 the month becomes qaa..qal (German mai/okt/dez as may/oct/dec)
#   advisory   6-7 digits   -> 5000000 + c*10000 + the id's index in the sorted list of all advisory ids
#   any other  name         -> name-cC (library pages, landing pages, glossary, index)
# Non-Markdown files (images, TOC.yml) are in copy 0 only. The script checks that no (locale, id)
# or page path occurs twice and stops if one does.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)
sets="${SETS:-1 5 10}"
runs="${RUNS:-1}"
scratch="${SCRATCH:-.build-bench}"
if [ $# -eq 0 ]; then set -- ../shared/corpus/zh-cn ../shared/corpus/de-de; fi
copies=$(printf '%s\n' $sets | sort -n | tail -n 1)
if [ "$copies" -gt 10 ] || [ "$copies" -lt 1 ]; then echo "SETS: multiples from 1 to 10" >&2; exit 1; fi

for dir in "$@"; do
    if [ ! -d "$dir" ]; then echo "no corpus folder at $dir" >&2; exit 1; fi
done
[ -x /usr/bin/time ] || apt-get install -y time > /dev/null

# Disk: the largest set's Markdown (the copies are written once, the sets are hard links to them),
# plus its output (about 3.2x the Markdown) and its cache folder (about 1.2x), plus a margin. With
# 4x, the 10x set of zh-cn + de-de ran out of space on 2026-11-30 (12 GB free, about 12.5 GB used).
md_kb=$(find "$@" -name '*.md' -print0 | du -c -k --files0-from=- | tail -n 1 | cut -f1)
need_kb=$((md_kb * copies * 6 + 1024 * 1024))
free_kb=$(df -k --output=avail /tmp | tail -n 1 | tr -d ' ')
echo "df -h /tmp: $(df -h --output=avail,size /tmp | tail -n 1 | tr -s ' ')  (need about $((need_kb / 1024)) MB)" >&2
if [ "$free_kb" -lt "$need_kb" ]; then echo "not enough space in /tmp" >&2; exit 1; fi

source "$repo/bench/common.sh"
build_herald

work=$(mktemp -d "${TMPDIR:-/tmp}/herald-scale-bench.XXXXXX")
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# Copies 0..copies-1 of every corpus under $work/copies/C/NAME/.
echo "making $copies copies of $*" >&2
python3 - "$work/copies" "$copies" "$@" <<'PY'
import os, re, shutil, sys

out, copies, corpora = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
BULLETIN = re.compile(r'^ms(\d\d)-(\d{3})$')
MSVR = re.compile(r'^msvr(\d\d)-(\d{3})$')
SUMMARY = re.compile(r'^ms(\d\d)-([a-z]{3})(-sum)?$')
ADVISORY = re.compile(r'^\d{6,7}$')
ASSET = re.compile(r'^(ms:assetid:\s*)([\'"]?)(.*?)([\'"]?)\s*$', re.IGNORECASE)
MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
GERMAN = {'mai': 'may', 'okt': 'oct', 'dez': 'dec', 'mrz': 'mar'}

def stems_and_assets(root):
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.lower().endswith('.md'):
                continue
            yield name[:-3].lower()
            with open(os.path.join(folder, name), encoding='utf-8', errors='replace') as f:
                for _, line in zip(range(40), f):
                    m = ASSET.match(line.rstrip('\n'))
                    if m:
                        yield m.group(3).lower()

advisory_ids = sorted({s for root in corpora for s in stems_and_assets(root) if ADVISORY.match(s)}, key=int)
assert all(int(a) < 5000000 for a in advisory_ids), 'an advisory id >= 5000000: the mapping would collide'
assert len(advisory_ids) < 10000
advisory_index = {a: i for i, a in enumerate(advisory_ids)}

def mapped(stem, c):
    """The name of `stem` (lower case, no .md) in copy c; copy 0 keeps it."""
    if c == 0:
        return stem
    shift, high = 20 * (c % 5), c // 5
    m = BULLETIN.match(stem) or MSVR.match(stem)
    if m:
        number = int(m.group(2)) + 500 * high
        assert int(m.group(2)) < 500
        prefix = 'msvr' if stem.startswith('msvr') else 'ms'
        return '%s%02d-%03d' % (prefix, (int(m.group(1)) + shift) % 100, number)
    m = SUMMARY.match(stem)
    if m:
        month = m.group(2)
        if high:
            canonical = GERMAN.get(month, month)
            if canonical in MONTHS:
                month = 'qa' + chr(ord('a') + MONTHS.index(canonical))
            else:
                month = month.translate(str.maketrans('abcdefghijklmnopqrstuvwxyz', 'nopqrstuvwxyzabcdefghijklm'))
        return 'ms%02d-%s%s' % ((int(m.group(1)) + shift) % 100, month, m.group(3) or '')
    if ADVISORY.match(stem):
        return str(5000000 + c * 10000 + advisory_index[stem])
    return '%s-c%d' % (stem, c)

seen_ids, seen_paths = {}, set()
for root in corpora:
    name = os.path.basename(os.path.normpath(root)).lower()
    for c in range(copies):
        dest = os.path.join(out, str(c), name)
        for folder, _, files in os.walk(root):
            target = os.path.normpath(os.path.join(dest, os.path.relpath(folder, root)))
            os.makedirs(target, exist_ok=True)
            kind_folder = os.path.relpath(folder, root).split(os.sep)[0].lower()
            for file in files:
                source = os.path.join(folder, file)
                if not file.lower().endswith('.md'):
                    if c == 0:
                        shutil.copy2(source, os.path.join(target, file))
                    continue
                stem = mapped(file[:-3].lower(), c) if c else file[:-3]
                path = os.path.join(target, stem + '.md')
                key = (name, os.path.relpath(path, dest).lower())
                assert key not in seen_paths, 'page path twice: %s' % (key,)
                seen_paths.add(key)
                if any(p.match(stem.lower()) for p in (BULLETIN, MSVR, SUMMARY, ADVISORY)):
                    seen_ids.setdefault((name, kind_folder, stem.lower()), set()).add(c)
                if c == 0:
                    shutil.copy2(source, path)
                    continue
                with open(source, 'rb') as f:
                    lines = f.read().split(b'\n')
                # ms:assetid in the front matter (the first lines) is renamed like the file.
                for i in range(min(len(lines), 40)):
                    try:
                        text = lines[i].decode('utf-8').rstrip('\r')
                    except UnicodeDecodeError:
                        continue
                    m = ASSET.match(text)
                    if m and m.group(3):
                        new = m.group(1) + m.group(2) + mapped(m.group(3).lower(), c) + m.group(4)
                        lines[i] = new.encode('utf-8') + (b'\r' if lines[i].endswith(b'\r') else b'')
                        break
                with open(path, 'wb') as f:
                    f.write(b'\n'.join(lines))
# An id the original has twice stays twice within a copy; no id may come from two copies.
clashes = [k for k, cs in seen_ids.items() if len(cs) > 1]
assert not clashes, 'an id in two copies: %s' % clashes[:5]
print('%d documents in %d copies; %d advisory ids in the table' % (len(seen_paths), copies, len(advisory_ids)), file=sys.stderr)
PY

# The site configuration: the repo's site.yml with absolute templates; output and cache in a new
# folder for every build, so every build is a full, cold one. Earlier builds' folders stay until the
# script exits: deleting them first would make ext4 charge the next build for reusing just-freed
# inodes (see bench/site.sh).
fresh_herald() { # set, run
    herald_dir="$work/herald-$1-$2"
    mkdir -p "$herald_dir"
    sed -e "s#^templates:.*#templates: $repo/templates#" -e '/^cache:/d' -e '/^output:/d' "$repo/site.yml" > "$herald_dir/site.yml"
    printf 'output: out\ncache: cache\n' >> "$herald_dir/site.yml"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
results="$work/results"
: > "$results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $sets; do
    # The set: copies 0..n-1 merged, as hard links (no second copy of the bytes).
    set_dir="$work/set-$n"
    rm -rf "$set_dir"
    args=()
    for dir in "$@"; do
        name=$(basename "$dir" | tr '[:upper:]' '[:lower:]')
        mkdir -p "$set_dir/$name"
        for c in $(seq 0 $((n - 1))); do cp -al "$work/copies/$c/$name/." "$set_dir/$name/"; done
        args+=(--content "$(tag_of "$dir")=$set_dir/$name")
    done
    docs=$(find "$set_dir" -name '*.md' | wc -l)
    : > "$work/times"
    for run in $(seq "$runs"); do
        fresh_herald "$n" "$run"
        echo "${n}x: $docs documents, run $run/$runs (load $(cut -d' ' -f1 /proc/loadavg))" >&2
        status=0
        /usr/bin/time -f '%e %M %U %S' -o "$work/time.out" "$herald" build --config "$herald_dir/site.yml" "${args[@]}" \
            --out "$herald_dir/out" --quiet > "$work/summary" 2> "$work/stderr" || status=$?
        if [ "$status" -ne 0 ]; then
            echo "herald exited with $status:" >&2
            tail -n 5 "$work/stderr" "$work/summary" >&2
        fi
        read -r wall rss user sys < <(tail -n 1 "$work/time.out")
        printf '%s %s %s %s\n' "$wall" "$rss" "$status" "$(echo "$user + $sys" | bc -l)" >> "$work/times"
        out_mb=$(du -sm "$herald_dir/out" 2> /dev/null | cut -f1 || echo 0)
    done
    seconds=$(awk '{ print $1 }' "$work/times" | median)
    peak=$(awk '{ print $2 }' "$work/times" | sort -g | tail -n 1)
    failed=$(awk '$3 != 0' "$work/times" | wc -l)
    cpu=$(awk '{ print $4 }' "$work/times" | median)
    printf '%s %s %s %s %s %s %s | %s\n' "$n" "$docs" "$seconds" "$peak" "$failed" "${out_mb:-0}" "$cpu" "$(tail -n 1 "$work/summary")" >> "$results"
    rm -rf "$set_dir"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

printf '\ncorpus: %s, made %d times; herald %s (%s); %d run(s) per set; %s cores; load before %s, after %s\n\n' \
    "$*" "$copies" "$version" "$scratch/release/herald" "$runs" "$(nproc)" "$load_before" "$load_after"
printf '%-4s %8s %10s %8s %10s %10s %10s %8s %10s %12s %10s\n' "set" "docs" "seconds" "docs/s" "ms/doc" "vs 1x" "peak MB" "out MB" "cpu s" "cpu ms/doc" "cpu vs 1x"
base=""
cpu_base=""
while read -r n docs seconds peak failed out_mb cpu _; do
    per=$(echo "$seconds * 1000 / $docs" | bc -l)
    cpu_per=$(echo "$cpu * 1000 / $docs" | bc -l)
    [ -n "$cpu_base" ] || cpu_base=$cpu_per
    [ -n "$base" ] || base=$per
    printf '%-4s %8d %10.2f %8.0f %10.2f %10.2f %10.0f %8d %10.2f %12.2f %10.2f%s\n' "${n}x" "$docs" "$seconds" "$(echo "$docs / $seconds" | bc -l)" \
        "$per" "$(echo "$per / $base" | bc -l)" "$(echo "$peak / 1024" | bc -l)" "$out_mb" "$cpu" "$cpu_per" "$(echo "$cpu_per / $cpu_base" | bc -l)" \
        "$([ "$failed" -gt 0 ] && echo '  FAILED' || true)"
done < "$results"
printf '\n"vs 1x": cost per document against the first set (1.00 = linear growth, above 1 = worse than linear);\n'
printf '"cpu": user + sys seconds of the build (median), per document and against the first set the same way\n'
printf 'herald summaries:\n'
sed 's/^\([0-9]*\) .*| /  \1x: /' "$results"
if awk '$5 != 0 { bad = 1 } END { exit !bad }' "$results"; then
    echo "warning: a build exited non-zero" >&2
    exit 1
fi
