#!/bin/sh
# Validate CSAF 2.0 documents against the OASIS JSON schema (offline).
#
#   scripts/validate-csaf.sh [--schemas DIR] PATH...
#
# PATH: a site output folder (its .well-known/csaf/white is checked), a folder of CSAF JSON files,
# or single files. Installs the python `jsonschema` package with pip when it is missing, then runs
# scripts/validate-csaf.py, which prints `N passed, M failed` and exits non-zero on failure.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
python=${PYTHON:-python3}

if ! "$python" -c 'import jsonschema, referencing' >/dev/null 2>&1; then
    echo "validate-csaf: installing jsonschema with pip" >&2
    "$python" -m pip install --quiet jsonschema
fi

exec "$python" "$here/validate-csaf.py" "$@"
