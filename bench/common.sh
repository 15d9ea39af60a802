# Shared by bench/site.sh, bench/scale.sh and bench/bounds.sh (sourced, not run). Expects $repo and $scratch.

# need COMMAND PACKAGE: installs the Debian package when the command is missing.
need() {
    command -v "$1" > /dev/null && return 0
    echo "installing $2" >&2
    apt-get install -y "$2" > /dev/null 2>&1 || { apt-get update > /dev/null && apt-get install -y "$2" > /dev/null; }
}

# build_herald: the release build of the current code, in its own scratch path so it does not
# disturb .build; sets $herald (the binary) and $version (the commit, "+uncommitted" when the work
# tree has code changes on top of it).
build_herald() {
    echo "building herald (release, $scratch)" >&2
    if ! swift build -c release --product herald --scratch-path "$scratch" > /dev/null 2>&1; then
        swift build -c release --product herald --scratch-path "$scratch"
        exit 1
    fi
    herald="$repo/$scratch/release/herald"
    version="$(git rev-parse --short HEAD)$(git status --porcelain -- Sources Package.swift | grep -q . && echo '+uncommitted' || true)"
}

# tag_of DIR: the locale tag of a corpus folder (zh-cn -> zh-CN, de-de -> de-DE, es -> es).
tag_of() {
    local name; name=$(basename "$1" | tr '[:upper:]' '[:lower:]')
    case "$name" in
        *-*) printf '%s-%s\n' "${name%%-*}" "$(printf '%s' "${name#*-}" | tr '[:lower:]' '[:upper:]')" ;;
        *) printf '%s\n' "$name" ;;
    esac
}
