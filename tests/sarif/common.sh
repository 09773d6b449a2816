# Shared by setup.sh and setup-mermaid.sh (sourced, not run): checks the install folder
# and installs a locked npm package set into it.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)

# usage NAME: the install folder from "$1", made absolute; refuses one inside the repository.
install_dir() {
    if [ $# -ne 1 ] || [ -z "$1" ]; then
        echo "usage: $0 DIR   (DIR outside the repository, e.g. /tmp/plugdep-tools)" >&2
        exit 2
    fi
    # realpath -m: the absolute, link-free path, whether or not it exists yet (nothing is
    # created inside the repository before the check).
    dir=$(realpath -m -- "$1")
    case "$dir/" in
        "$repo"/*)
            echo "$0: refusing to install into $dir: it is inside the repository $repo" >&2
            exit 2
            ;;
    esac
    mkdir -p "$dir"
    printf '%s\n' "$dir"
}

# npm_install DIR LOCKDIR: the exact package set of LOCKDIR/package-lock.json into DIR
# (npm ci; lifecycle scripts are not run). npm's own output goes to standard error.
npm_install() {
    if ! command -v npm >/dev/null 2>&1; then
        echo "$0: npm is not installed (apt-get install nodejs npm)" >&2
        exit 1
    fi
    cp "$2/package.json" "$2/package-lock.json" "$1/"
    (cd "$1" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
}
