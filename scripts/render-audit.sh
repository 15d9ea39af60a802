#!/usr/bin/env bash
# Render audit: per locale, pages whose visible text keeps Markdown syntax (`**`, `[text](url)`,
# pipe-table rows, escaped tags), with examples, and the share of record heading anchors that
# exist on their page. Python 3 standard library only.
# Usage: scripts/render-audit.sh SITE_DIR [--examples N] [--max-share PERCENT] [--require-anchors]
#                                         [--diagnostics CHECK_OUTPUT] [--require-diagnostics]
# `**` is split into "literal by the author" (escaped `\*\*` in the source, footnote marks in raw
# HTML) and "unintended" (the headline; cross-checked against EMPH001 with --diagnostics): see the
# docstring of render-audit.py for the rule.
set -euo pipefail
exec python3 "$(dirname "$0")/render-audit.py" "$@"
