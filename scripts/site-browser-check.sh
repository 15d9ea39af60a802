#!/usr/bin/env bash
# Builds content/ and checks the 954474 page in headless Chromium: takes a screenshot and
# checks the rendered DOM for the title, both dates, the revision list and the KB link.
# Usage: scripts/site-browser-check.sh [herald-binary]   (prints PASS or FAIL; exit status 0/1)
set -euo pipefail
cd "$(dirname "$0")/.."
HERALD=${1:-}
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
fi
if [ -z "$HERALD" ]; then
  swift build --product herald >/dev/null
  HERALD=.build/debug/herald
fi
out=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$out"' EXIT
"$HERALD" build --out "$out/site" --quiet >/dev/null
# Serve over loopback HTTP so root-relative links (the stylesheet) resolve as on the web.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out/site" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
page="http://127.0.0.1:$port/zh-cn/securityadvisories/2008/954474/"
shot=${SCREENSHOT:-$out/954474.png}
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1600 \
  --screenshot="$shot" "$page" >/dev/null 2>&1 || true
dom=$(chromium --headless --no-sandbox --disable-gpu --dump-dom "$page" 2>/dev/null)
status=0
check() {
  if grep -qF -- "$1" <<<"$dom"; then echo "ok   $2"; else echo "MISS $2 ($1)"; status=1; fi
}
# Expected values read by hand from content/zh-cn/SecurityAdvisories/2008/954474.md.
check '<h1 id="microsoft-安全通报-954474">Microsoft 安全通报 954474</h1>' "title and its anchor"
check '2008年6月13日</time>' "published date"
check '2008年6月17日</time>' "updated date"
check '已发布通报。' "first revision"
check '已更新通报，以反映修补程序的可用性。' "second revision"
check 'href="https://support.microsoft.com/kb/954474"' "KB link"
[ -s "$shot" ] && echo "ok   screenshot $shot" || { echo "MISS screenshot"; status=1; }
if [ $status = 0 ]; then echo "PASS"; else echo "FAIL"; fi
exit $status
