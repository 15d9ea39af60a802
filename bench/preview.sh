#!/usr/bin/env bash
# Save-to-reload latency of `herald serve` on the full zh-cn corpus: 20 saves of one document,
# time from the write to the reload event on /_herald/events (bench/sse_latency.py).
# Works on a temporary copy of the corpus; ../shared is never modified.
#
# usage: bench/preview.sh [CORPUS_DIR] [DOCUMENT] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpus/zh-cn}
DOCUMENT=${2:-SecurityAdvisories/2008/954474.md}
ROUNDS=${3:-20}
SCRATCH=${SCRATCH:-.build-preview}

make -s deps
swift build -c release --static-swift-stdlib --product herald --scratch-path "$SCRATCH" >/dev/null
HERALD="$SCRATCH/release/herald"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/herald-bench-preview.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -INT "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cp -r "$CORPUS" "$WORK/zh-cn"
[ -f "$WORK/zh-cn/$DOCUMENT" ] || { echo "no $DOCUMENT in $CORPUS" >&2; exit 1; }

"$HERALD" serve --content "zh-CN=$WORK/zh-cn" --port 0 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 600); do
  PORT=$(sed -n 's#^serving http://127.0.0.1:\([0-9]*\)/.*#\1#p' "$WORK/server.log" | head -1)
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }
grep '^read ' "$WORK/server.log" || true
echo "serving on port $PORT; $ROUNDS saves of $DOCUMENT"
python3 bench/sse_latency.py "$PORT" "$WORK/zh-cn/$DOCUMENT" "$ROUNDS"
echo "server log (last lines):"
grep '^updated' "$WORK/server.log" | tail -3
