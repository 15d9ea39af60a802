#!/usr/bin/env bash
# Loads a preview page in headless Chromium and checks what an editor would see: a document
# with a known problem (no published date → DATE001) shows the diagnostics panel, the reload
# script loads without console errors. Prints PASS or FAIL; leaves a screenshot.
#
# usage: scripts/preview-browser-check.sh [OUTPUT_DIR]   (default /tmp/herald-preview-check)
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/herald-preview-check}
SCRATCH=${SCRATCH:-.build-preview}
mkdir -p "$OUT"

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

swift build --product herald --scratch-path "$SCRATCH" >/dev/null || { echo "FAIL: build"; exit 1; }
HERALD="$SCRATCH/debug/herald"

SITE=$(mktemp -d /tmp/herald-preview-site.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -INT "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  rm -rf "$SITE"
}
trap cleanup EXIT

cp -r templates "$SITE/templates"
mkdir -p "$SITE/content/zh-cn/SecurityAdvisories/2009"
cat >"$SITE/site.yml" <<'YML'
baseURL: https://security-updates.example.org/
title: Preview check
defaultLocale: zh-CN
locales:
  - tag: zh-CN
    content: content/zh-cn
    title: 预览检查
templates: templates
YML
cat >"$SITE/content/zh-cn/SecurityAdvisories/2009/971111.md" <<'MD'
---
TOCTitle: 971111
Title: Microsoft 安全通报 971111
---

Security Advisory

Microsoft 安全通报 971111
=========================

没有日期的通报
--------------

这份通报没有发布时间，预览应在页面上方列出 DATE001。
MD

"$HERALD" serve --config "$SITE/site.yml" --port 0 >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 300); do
  PORT=$(sed -n 's#^serving http://127.0.0.1:\([0-9]*\)/.*#\1#p' "$OUT/server.log" | head -1)
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$PORT" ]; then echo "FAIL: server did not start"; cat "$OUT/server.log"; exit 1; fi
URL="http://127.0.0.1:$PORT/zh-cn/securityadvisories/2009/971111/"
echo "page: $URL"

CHROME=(chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --user-data-dir="$OUT/profile")
timeout 60 "${CHROME[@]}" --enable-logging=stderr --v=0 --dump-dom "$URL" >"$OUT/dom.html" 2>"$OUT/chromium.log"
timeout 60 "${CHROME[@]}" --window-size=1280,900 --screenshot="$OUT/preview.png" "$URL" >/dev/null 2>>"$OUT/chromium.log"

failures=()
grep -q '<section class="diagnostics" id="herald-diagnostics">' "$OUT/dom.html" || failures+=("no diagnostics panel in the DOM")
grep -qF "<code>DATE001</code> <span class=\"location\">$SITE/content/zh-cn/SecurityAdvisories/2009/971111.md:3:1</span>: no published date" "$OUT/dom.html" \
  || failures+=("DATE001 with its file, line and column is not in the panel")
grep -q 'src="/_herald/reload.js"' "$OUT/dom.html" || failures+=("no reload script")
if grep -E 'Uncaught|:ERROR:CONSOLE|"Failed to load resource' "$OUT/chromium.log" >"$OUT/console-errors.txt"; then
  failures+=("console errors: $(head -3 "$OUT/console-errors.txt" | tr '\n' ' ')")
fi
[ -s "$OUT/preview.png" ] || failures+=("no screenshot")

if [ ${#failures[@]} -eq 0 ]; then
  echo "PASS: diagnostics panel shown, no console errors (screenshot $OUT/preview.png, DOM $OUT/dom.html)"
  exit 0
fi
printf 'FAIL: %s\n' "${failures[@]}"
exit 1
