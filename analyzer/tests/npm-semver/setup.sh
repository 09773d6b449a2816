#!/usr/bin/env bash
# Installs node-semver 7 (the npm package `semver@7`) into DIR — never into the repository —
# and prints the package folder, the value for PLUGDEP_NODE_SEMVER:
#
#   export PLUGDEP_NODE_SEMVER="$(analyzer/tests/npm-semver/setup.sh /tmp/plugdep-node-semver)"
#
# npm's own output goes to stderr, so stdout is only the path.
set -euo pipefail

if [ "$#" -ne 1 ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$0: $tool is not installed" >&2
    exit 1
  fi
done

repo="$(cd "$(dirname "$0")/../../.." && pwd -P)"
inside_repo() {
  case "$1/" in "$repo"/*) return 0 ;; *) return 1 ;; esac
}
case "$1" in
  /*) target="$1" ;;
  *) target="$(pwd -P)/$1" ;;
esac
# Checked before and after creating DIR (the second check sees through symlinks).
if inside_repo "$target" || { mkdir -p "$target" && inside_repo "$(cd "$target" && pwd -P)"; }; then
  echo "$0: $1 is inside the repository ($repo); choose a folder outside it" >&2
  exit 2
fi
dir="$(cd "$target" && pwd -P)"

npm install --prefix "$dir" semver@7 --no-audit --no-fund >&2
package="$dir/node_modules/semver"
if [ ! -f "$package/package.json" ]; then
  echo "$0: npm did not install $package" >&2
  exit 1
fi
echo "$package"
