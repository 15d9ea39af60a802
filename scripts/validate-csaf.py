#!/usr/bin/env python3
"""Validate CSAF 2.0 documents against the OASIS JSON schema, offline.

Usage:
    scripts/validate-csaf.py [--schemas DIR] PATH...

Each PATH is a CSAF JSON file or a folder. For a folder, the documents are every *.json below
FOLDER/.well-known/csaf/white when that exists (the provider layout Herald writes), else every
*.json below FOLDER. provider-metadata.json files are checked for their required members.

The schemas folder (default: ../shared/schemas/csaf-2.0 relative to the repository root, or
$HERALD_CSAF_SCHEMAS) must hold csaf_json_schema.json and the FIRST CVSS schemas
(cvss-v2.0.json, cvss-v3.0.json, cvss-v3.1.json); they are registered under their $id so
$refs resolve without network access. Validation uses Draft 2020-12 with format checking
(date-time, and uri with a built-in RFC 3986 check when rfc3987 is not installed).

Prints one line per failing file and `N passed, M failed`; exits 1 when any file fails,
2 on usage errors.
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

try:
    import jsonschema
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as error:  # pragma: no cover - reported to the user
    print(f"validate-csaf: python jsonschema (>= 4.18) is required: {error}", file=sys.stderr)
    sys.exit(2)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCHEMAS = REPO_ROOT.parent / "shared" / "schemas" / "csaf-2.0"

# RFC 3986 absolute URI: scheme ":" then unreserved / reserved / pct-encoded characters only.
URI_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")

PROVIDER_REQUIRED = {
    "canonical_url": str,
    "last_updated": str,
    "list_on_CSAF_aggregators": bool,
    "metadata_version": str,
    "mirror_on_CSAF_aggregators": bool,
    "publisher": dict,
    "role": str,
}


def format_checker() -> FormatChecker:
    checker = FormatChecker()
    if not _has_rfc3987():
        @checker.checks("uri")
        def is_uri(instance):  # noqa: ANN001
            return not isinstance(instance, str) or bool(URI_PATTERN.match(instance))
    return checker


def _has_rfc3987() -> bool:
    try:
        import rfc3987  # noqa: F401
        return True
    except ImportError:
        return False


def load_validator(schemas: Path) -> Draft202012Validator:
    main_path = schemas / "csaf_json_schema.json"
    if not main_path.is_file():
        print(f"validate-csaf: no csaf_json_schema.json in {schemas}", file=sys.stderr)
        sys.exit(2)
    registry = Registry()
    main = None
    for path in sorted(schemas.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        # The CSAF schema refers to https://www.first.org/cvss/cvss-v3.1.json while the FIRST files
        # declare ids with a date query (`...cvss-v3.1.json?20211103`, draft-04 `id`): register both.
        declared = contents.get("$id") or contents.get("id")
        uris = {declared} if declared else {path.resolve().as_uri()}
        if path.name.startswith("cvss-"):
            uris.add(f"https://www.first.org/cvss/{path.name}")
        for uri in sorted(uris):
            registry = registry.with_resource(uri, resource)
        if path == main_path:
            main = contents
    Draft202012Validator.check_schema(main)
    return Draft202012Validator(main, registry=registry, format_checker=format_checker())


def documents_in(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    white = path / ".well-known" / "csaf" / "white"
    root = white if white.is_dir() else path
    return sorted(p for p in root.rglob("*.json") if p.name != "provider-metadata.json")


def provider_metadata_in(path: Path) -> list[Path]:
    if path.is_file():
        return [path] if path.name == "provider-metadata.json" else []
    return sorted(path.rglob("provider-metadata.json"))


def check_provider_metadata(path: Path) -> list[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"not JSON: {error}"]
    problems = []
    for key, kind in PROVIDER_REQUIRED.items():
        if key not in data:
            problems.append(f"missing {key}")
        elif not isinstance(data[key], kind):
            problems.append(f"{key} is not a {kind.__name__}")
    if data.get("metadata_version") != "2.0":
        problems.append("metadata_version is not 2.0")
    if data.get("role") not in ("csaf_publisher", "csaf_provider", "csaf_trusted_provider"):
        problems.append(f"role {data.get('role')!r} is not a CSAF role")
    if not str(data.get("canonical_url", "")).endswith("/provider-metadata.json"):
        problems.append("canonical_url does not end in /provider-metadata.json")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description="Validate CSAF 2.0 documents against the OASIS JSON schema.")
    parser.add_argument("paths", nargs="+", type=Path, help="CSAF files or folders (a site output folder works)")
    parser.add_argument("--schemas", type=Path,
                        default=Path(os.environ.get("HERALD_CSAF_SCHEMAS", DEFAULT_SCHEMAS)),
                        help=f"folder with csaf_json_schema.json and the CVSS schemas (default: {DEFAULT_SCHEMAS})")
    parser.add_argument("--max-errors", type=int, default=3, help="errors shown per failing file")
    arguments = parser.parse_args()

    validator = load_validator(arguments.schemas)
    passed = failed = 0
    files: list[Path] = []
    for path in arguments.paths:
        if not path.exists():
            print(f"validate-csaf: {path} does not exist", file=sys.stderr)
            return 2
        files += documents_in(path)

    for file in files:
        try:
            instance = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            failed += 1
            print(f"FAIL {file}: not JSON: {error}")
            continue
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        if errors:
            failed += 1
            print(f"FAIL {file}: {len(errors)} error(s)")
            for error in errors[: arguments.max_errors]:
                location = "/" + "/".join(str(part) for part in error.absolute_path)
                print(f"    {location}: {error.message[:300]}")
        else:
            passed += 1

    for path in arguments.paths:
        for metadata in provider_metadata_in(path):
            problems = check_provider_metadata(metadata)
            if problems:
                failed += 1
                print(f"FAIL {metadata}: " + "; ".join(problems))
            else:
                passed += 1

    if passed + failed == 0:
        print("validate-csaf: no CSAF documents found", file=sys.stderr)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
