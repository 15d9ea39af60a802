#!/usr/bin/env python3
"""Save-to-reload latency of `herald serve`: time from writing a document to the SSE reload event.

usage: sse_latency.py PORT FILE [ROUNDS]
Appends one character to FILE, waits for `event: reload` on /_herald/events, restores FILE and
waits for that reload too; prints every round and the median and p90 (monotonic clock).
"""
import socket
import statistics
import sys
import time

port, path = int(sys.argv[1]), sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 20

conn = socket.create_connection(("127.0.0.1", port), timeout=10)
conn.sendall(b"GET /_herald/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
buffer = b""


def wait_for(marker, timeout=10.0):
    """Reads until `marker` appears after what was consumed so far; returns the monotonic time it arrived."""
    global buffer
    deadline = time.monotonic() + timeout
    while marker not in buffer:
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for %r" % marker)
        chunk = conn.recv(65536)
        if not chunk:
            raise SystemExit("event stream closed")
        buffer += chunk
    arrived = time.monotonic()
    buffer = buffer[buffer.index(marker) + len(marker):]
    return arrived


wait_for(b"event: hello")
with open(path, "rb") as f:
    original = f.read()
samples = []
try:
    for i in range(rounds):
        time.sleep(0.15)
        start = time.monotonic()
        with open(path, "ab") as f:
            f.write(b"x")
        arrived = wait_for(b"event: reload")
        samples.append((arrived - start) * 1000)
        print("round %2d: %.1f ms" % (i + 1, samples[-1]), flush=True)
        with open(path, "wb") as f:
            f.write(original)
        wait_for(b"event: reload")
finally:
    with open(path, "wb") as f:
        f.write(original)

samples.sort()
p90 = samples[min(len(samples) - 1, int(round(0.9 * (len(samples) - 1))))]
print("save-to-reload over %d saves: median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms"
      % (len(samples), statistics.median(samples), p90, samples[0], samples[-1]))
