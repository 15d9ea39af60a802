#!/usr/bin/env bash
# Abuses `herald serve` on 127.0.0.1 only, bounded in time (about a minute):
#   1,000 concurrent connections, 200 slowloris clients (one header byte per second for 20 s),
#   a 64 KiB header line, a 1 MiB request line, path traversal spellings.
# Passes when the server keeps answering (a normal GET succeeds during and after each attack)
# and never serves anything from outside the site (no /etc/passwd content).
#
#   scripts/abuse-server.sh [HERALD_BINARY]      (default: .build-fuzz/debug/herald, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
herald=${1:-.build-fuzz/debug/herald}
if [ ! -x "$herald" ]; then swift build --scratch-path .build-fuzz --product herald >&2; fi
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"

log=$(mktemp)
"$herald" serve --config site.yml --host 127.0.0.1 --port 0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
    grep -q "serving http://" "$log" && break
    kill -0 $server 2>/dev/null || { cat "$log"; echo "server did not start" >&2; exit 1; }
    sleep 0.1
done
url=$(grep -o "http://127.0.0.1:[0-9]*/[^ ]*" "$log" | head -1)
port=$(echo "$url" | sed 's|http://127.0.0.1:\([0-9]*\)/.*|\1|')
path=/${url#http://127.0.0.1:$port/}
echo "herald serve pid $server on 127.0.0.1:$port, page $path"

timeout 180 python3 - "$port" "$path" <<'PY'
import asyncio, sys, time
port, page = int(sys.argv[1]), sys.argv[2]
HOST = "127.0.0.1"
failures = []

async def request(raw, timeout=10.0):
    """Sends raw bytes, returns (status, body bytes); status 0 on error/timeout."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port, limit=1 << 22), timeout)
        writer.write(raw)
        await writer.drain()
        data = await asyncio.wait_for(reader.read(-1), timeout)
        writer.close()
        parts = data.split(b" ", 2)
        return (int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0), data
    except Exception as error:
        return 0, repr(error).encode()

def get(path, headers=b""):
    return request(b"GET " + path.encode("latin-1") + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + b"Connection: close\r\n\r\n")

async def probe(label):
    status, body = await get(page)
    ok = status == 200 and b"</html>" in body
    print(f"  normal GET {label}: {status}")
    if not ok: failures.append(f"normal GET {label}: {status}")

async def main():
    await probe("before")

    # 1. 1,000 concurrent connections.
    started = time.monotonic()
    results = await asyncio.gather(*[get(page) for _ in range(1000)])
    statuses = {}
    for status, _ in results: statuses[status] = statuses.get(status, 0) + 1
    print(f"1000 concurrent GETs in {time.monotonic() - started:.1f} s: {statuses}")
    if statuses.get(200, 0) < 990: failures.append(f"concurrent: {statuses}")
    await probe("after concurrency")

    # 2. Slowloris: 200 sockets, one header byte per second for 20 s, normal GETs meanwhile.
    sockets = []
    for _ in range(200):
        try: sockets.append(await asyncio.open_connection(HOST, port))
        except Exception as error: failures.append(f"slowloris connect: {error}")
    partial = b"GET " + page.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
    for _, writer in sockets: writer.write(partial)
    alive = len(sockets)
    for second in range(20):
        for _, writer in sockets:
            if not writer.is_closing():
                writer.write(b"s")
        await asyncio.sleep(1)
        if second % 5 == 4: await probe(f"during slowloris ({second + 1} s)")
    alive = sum(1 for _, writer in sockets if not writer.is_closing())
    for _, writer in sockets: writer.close()
    print(f"slowloris: 200 sockets × 20 s, {alive} still open at the end (server-side timeouts may close them)")
    await probe("after slowloris")

    # 3. Oversized header line and request line.
    status, _ = await get(page, b"X-Big: " + b"a" * (64 << 10) + b"\r\n")
    print(f"64 KiB header line: {status}")
    if status == 500: failures.append("64 KiB header: 500")
    status, _ = await get("/" + "a" * (1 << 20))
    print(f"1 MiB request line: {status}")
    await probe("after oversized headers")

    # 4. Traversal: never 200 with a file from outside the site.
    traversals = ["/../../../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2f..%2fetc%2fpasswd",
                  "/%2f..%2f..%2f..%2fetc/passwd", "/..\\..\\..\\..\\etc\\passwd", "/zh-cn/..%5c..%5c..%5cetc%5cpasswd", "//etc/passwd",
                  "/%252e%252e/%252e%252e/etc/passwd", "/.%2e/.%2e/.%2e/.%2e/etc/passwd", "/zh-cn/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                  "/zh-cn/..;/..;/..;/etc/passwd", "/etc/passwd%00.html", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
                  "/assets/../../../../etc/passwd", "/%2e%2e%5c%2e%2e%5cetc%5cpasswd", "/site.yml", "/../site.yml", "/%2e%2e/site.yml",
                  "/zh-cn/../../Package.swift", "/content/zh-cn/", "/.git/config", "/..%00/etc/passwd", "http://127.0.0.1/../../etc/passwd"]
    for path in traversals:
        status, body = await get(path)
        leaked = b"root:x:0:0" in body or b"swift-tools-version" in body or b"[core]" in body or b"baseURL:" in body
        print(f"  {status} {path}{'  LEAK' if leaked else ''}")
        if leaked: failures.append(f"traversal leaked: {path} ({status})")
    await probe("after traversal")

asyncio.run(main())
if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("server kept answering and served nothing outside the site")
PY
kill -0 $server 2>/dev/null || { echo "server died" >&2; cat "$log" >&2; exit 1; }
echo "server still running (pid $server)"
