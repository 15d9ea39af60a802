#!/usr/bin/env bash
# Render audit: per locale, pages whose visible text keeps Markdown syntax (`**`, `[text](url)`,
# pipe-table rows, escaped tags), with examples, and the share of record heading anchors that
# exist on their page. Python 3 standard library only.
# Usage: scripts/render-audit.sh SITE_DIR [--examples N] [--max-share PERCENT] [--require-anchors]
set -euo pipefail
exec python3 "$(dirname "$0")/render-audit.py" "$@"
