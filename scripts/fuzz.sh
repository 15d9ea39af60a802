#!/usr/bin/env bash
# Runs one libFuzzer target for a while.
#
#   scripts/fuzz.sh TARGET [SECONDS]     TARGET: FrontMatterFuzz | ExtractFuzz | SanitizerFuzz
#
# Builds the target with -sanitize=fuzzer,address into .build-fuzz/libfuzzer (its own scratch
# path, so the test build in .build-fuzz is not invalidated), seeds a temporary corpus with a
# sample of ../shared/corpus (never committed) plus hand-written payloads, and runs libFuzzer
# with -max_total_time. Crashing inputs are written to $FUZZ_WORK/TARGET/artifacts/; keep each
# as a regression case under Tests/HostileInputTests/Crashes/.
#
# Environment: CORPUS (default ../shared/corpus), SAMPLE (seed files, default 300),
# FUZZ_WORK (default /tmp/herald-fuzz). Leak detection is off: Foundation keeps process-wide
# caches (NSRegularExpression) that LeakSanitizer reports at exit; memory growth per input is
# caught by -rss_limit_mb instead.
set -euo pipefail
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}  # libFuzzer reports crashes itself
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}       # the exit-time leak check too (see above)
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz.sh FrontMatterFuzz|ExtractFuzz|SanitizerFuzz [SECONDS]}
seconds=${2:-60}
corpus=${CORPUS:-../shared/corpus}
sample=${SAMPLE:-300}
work=${FUZZ_WORK:-/tmp/herald-fuzz}/$target
scratch=.build-fuzz/libfuzzer

case $target in
    FrontMatterFuzz) max_len=16384 ;;
    ExtractFuzz) max_len=65536 ;;
    SanitizerFuzz) max_len=16384 ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac

swift build -c debug --scratch-path "$scratch" --product "$target" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
    -Xcc -fsanitize=fuzzer-no-link,address >&2
binary=$scratch/debug/$target

mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
if [ -z "$(ls -A "$work/seeds")" ]; then
    # A reproducible sample of Markdown files, smallest first within the limit.
    if [ -d "$corpus" ]; then
        find "$corpus" -name '*.md' -size -"$((max_len / 1024))"k | sort | awk -v n="$sample" 'NR % 7 == 1 && c < n { print; c++ }' |
            while read -r file; do cp "$file" "$work/seeds/$(echo "$file" | tr '/' '_')"; done
    fi
    # Hand-written seeds: the shapes the catalogue in HostileInputTests is made of.
    printf -- '---\nTitle: x\n---\n# x\n' >"$work/seeds/hand-front-matter"
    printf -- '---\na: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n---\n# t\n' >"$work/seeds/hand-alias"
    printf -- '---\nTitle: "never closes\n# t\n' >"$work/seeds/hand-unclosed"
    printf -- '> > > > > > > > - - - - - - 1. 1. > x\n' >"$work/seeds/hand-nesting"
    printf -- '|a|b|c|\n|-|-|-|\n|1|2|3|\n' >"$work/seeds/hand-table"
    printf -- '<script>alert(1)</script><img src=x onerror=alert(1)><a href="jav&#x09;ascript:alert(1)">x</a>' >"$work/seeds/hand-xss"
    printf -- '<svg><script>alert(1)</script></svg><math><mtext><style><img src=x onerror=1></style></mtext></math>' >"$work/seeds/hand-svg"
    printf -- '<table><tr><td><a href="data:text/html,x" name="a b">x</a></td></tr></table><base href="javascript:/">' >"$work/seeds/hand-table-html"
    # CJK-friendly emphasis: unbalanced markers, mixed CJK/Latin nesting, escapes, cells, raw HTML.
    printf -- '**本指南。**此*强调。*后**（重要）**。\n**注意? **Windows\n\\*\\*注意。\\*\\*此 &#42;&#42;中&#42;&#42;\n' >"$work/seeds/hand-cjk-emphasis"
    printf -- '**中文*强调。*后**。**Windows 更新*（KB123）*。**安装__注意。__请\n> 行\n**注意：**此\n' >"$work/seeds/hand-cjk-nesting"
    printf -- '| **注意：**此 | *中*文* |\n|---|---|\n| x **y。**z | `**代码**` |\n\n<div>\n**注意：**此\n</div>\n' >"$work/seeds/hand-cjk-cells"
    head -c 10000 /dev/zero | tr '\0' '*' >"$work/seeds/hand-star-run" && printf -- '中文\n' >>"$work/seeds/hand-star-run"
    # TechNet preprocessing: cells on their own lines, list-item fences closed with a tab, the
    # converter's empty and space-only bold (ConverterSlips), unbalanced and long runs in cells.
    printf -- '-   步骤：\n\n    ```\n\tcmd /c\n\t```\n\n<table>\n<tr>\n<td style="x">\n**/help**\n</td>\n<td>**注意：**此</td>\n</tr>\n</table>\n' >"$work/seeds/hand-technet-cells"
    printf -- '**什么是 WCF？** **\n**答案。\n\n**\302\240**\n\n解决 Office****中“****对该**证 (https:)**”\n**/quiet  **  **  **使用\n| **a** | ** ** | ****b**** |\n' >"$work/seeds/hand-converter-slips"
    # Converter-slip pairing (CJK documents): Latin slips against punctuation, bold punctuation.
    printf -- '---\nTitle: x\n---\n**msiexec /a** *Admin Path***\\\\**MSI File **/p C:\\\\AdminUpdate\\\\***MSP File* **SHORTFILENAMES=TRUE**\ntype **https://***WSUSServerName***:***portNumber* and *computer\\_name***\\\\ASPNET** and *computer\\_name***\\\\IWAM\\_***computer\\_name*\n\n**Windows Vista 备注 ** 带有 approvals**.** (EST**)** 在**“**设置**”**下**，**在**“**ActiveX\n' >"$work/seeds/hand-slip-pairing"
    { printf -- '<td>\n'; head -c 10000 /dev/zero | tr '\0' '*'; printf -- '中\n</td>\n| '; head -c 4000 /dev/zero | tr '\0' '*'; printf -- '文 |\n|---|\n'; } >"$work/seeds/hand-star-cells"
fi

echo "fuzzing $target for $seconds s (max_len $max_len, $(ls "$work/seeds" | wc -l) seeds, work $work)" >&2
set +e
"$binary" "$work/corpus" "$work/seeds" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len="$max_len" -timeout=25 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 -detect_leaks=0
status=$?
set -e
if [ -n "$(ls -A "$work/artifacts")" ]; then
    echo "artifacts (crashes, timeouts, OOMs) in $work/artifacts:" >&2
    ls -la "$work/artifacts" >&2
fi
exit $status
