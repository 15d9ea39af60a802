# Shared by bench/site.sh, bench/scale.sh and bench/floor.sh (sourced, not run). Expects $repo and $scratch.

# install_package PACKAGE…: apt-get install, with an update first when the package lists are stale.
install_package() {
    echo "installing $*" >&2
    apt-get install -y "$@" > /dev/null 2>&1 || { apt-get update > /dev/null && apt-get install -y "$@" > /dev/null; }
}

# need COMMAND PACKAGE: installs the Debian package when the command is missing.
need() {
    command -v "$1" > /dev/null || install_package "$2"
}

# need_package PACKAGE…: installs the Debian packages (libraries, -dev packages) that are missing.
need_package() {
    local missing=() package
    for package in "$@"; do dpkg -s "$package" > /dev/null 2>&1 || missing+=("$package"); done
    [ ${#missing[@]} -eq 0 ] || install_package "${missing[@]}"
}

# make_work NAME: a new temp folder ${TMPDIR:-/tmp}/NAME.XXXXXX in $work, removed when the script exits.
make_work() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    trap 'rm -rf "$work"' EXIT
}

# build_floor BINARY: compiles bench/floor.c (the in-process floor) with the system compiler against
# Debian's cmark-gfm, libxml2 and OpenSSL's libcrypto (SHA-2).
build_floor() {
    need cc gcc
    need pkg-config pkg-config
    need_package libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libssl-dev
    # shellcheck disable=SC2046
    cc -O2 -o "$1" "$repo/bench/floor.c" $(pkg-config --cflags --libs libcmark-gfm libxml-2.0 libcrypto) -lcmark-gfm-extensions
}

# floor_lists HERALD_OUT CORPUS LIST_DIR: the floor's inputs, from a Herald build of CORPUS into
# HERALD_OUT: md.txt (every .md), out.txt ("<size> <path>" of every output file), csaf.txt (every
# CSAF document, provider-metadata.json excluded).
floor_lists() {
    mkdir -p "$3"
    find "$2" -name '*.md' | sort > "$3/md.txt"
    (cd "$1" && find . -type f -printf '%s %P\n' | sort -k2) > "$3/out.txt"
    find "$1/.well-known/csaf" -name '*.json' ! -name provider-metadata.json | sort > "$3/csaf.txt"
}

# floor_command FLOOR LIST_DIR DEST: sets the array $floor_run, a command running the floor as two
# processes over halves of the lists (floor.c deals them), writing into the new folder DEST and
# printing each process's report to DEST.0 and DEST.1.
floor_command() {
    local lists="'$2/md.txt' '$2/out.txt' '$2/csaf.txt' '$3'"
    floor_run=(bash -c "mkdir -p '$3'; '$1' $lists 0 2 > '$3.0' & first=\$!; '$1' $lists 1 2 > '$3.1'; second=\$?; wait \$first && [ \$second -eq 0 ]")
}

# floor_parts DEST: "part cpu-seconds" for each part, summed over the two processes of one floor run.
floor_parts() {
    awk 'NF == 3 { cpu[$1] += $2; if (!($1 in order)) { order[$1] = ++n; names[n] = $1 } }
         END { for (i = 1; i <= n; i++) print names[i], cpu[names[i]] }' "$1.0" "$1.1"
}

# The floor's parts that count towards its sum (xhtml only makes the pages well-formed).
floor_counted="read parse render html xml hash write"

# build_herald: the release build of the current code (the Swift runtime and Foundation linked
# statically, as `make release` builds it), in its own scratch path so it does not disturb .build;
# sets $herald (the binary) and $version (the commit, "+uncommitted" when the work tree has code
# changes on top of it).
build_herald() {
    echo "building herald (release, $scratch)" >&2
    need_package pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libjemalloc-dev
    if ! swift build -c release --static-swift-stdlib --product herald --scratch-path "$scratch" > /dev/null 2>&1; then
        swift build -c release --static-swift-stdlib --product herald --scratch-path "$scratch"
        exit 1
    fi
    case $scratch in /*) herald="$scratch/release/herald" ;; *) herald="$repo/$scratch/release/herald" ;; esac
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
