#!/usr/bin/env bash
# Installs the Mermaid parser (npm: mermaid 11.17.2, with jsdom 26.1.0 standing in for a
# browser; no browser is downloaded) into DIR, outside the repository, and prints the path
# of a runnable parser, for PLUGDEP_MERMAID:
#
#     export PLUGDEP_MERMAID=$(bash tests/sarif/setup-mermaid.sh /tmp/plugdep-mermaid)
#     cargo test --test mermaid
#
# The printed path is a wrapper, DIR/mermaid-parse FILE..., running parse.mjs (beside this
# script) with node: one JSON line per file with what the parser understood.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

dir=$(install_dir "$@")

if ! command -v node >/dev/null 2>&1; then
    echo "$0: node is not installed (apt-get install nodejs npm)" >&2
    exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
    echo "$0: node $(node --version) is too old: mermaid 11 and jsdom 26 need node 18 or later" >&2
    exit 1
fi

npm_install "$dir" "$here/mermaid"
cp "$here/mermaid/parse.mjs" "$dir/parse.mjs"

node=$(command -v node)
wrapper="$dir/mermaid-parse"
cat >"$wrapper" <<WRAPPER
#!/bin/sh
# Runs the Mermaid parser installed by plugdep's tests/sarif/setup-mermaid.sh.
exec "$node" "$dir/parse.mjs" "\$@"
WRAPPER
chmod +x "$wrapper"

probe="$dir/probe.mmd"
printf 'flowchart LR\n    p0["a"]\n    p1["b"]\n    p0 -->|"import"| p1\n' >"$probe"
if ! out=$("$wrapper" "$probe" 2>&1); then
    echo "$0: the Mermaid parser does not run:" >&2
    printf '%s\n' "$out" >&2
    exit 1
fi
echo "$0: mermaid $(node -p "require('$dir/node_modules/mermaid/package.json').version") parses" >&2
printf '%s\n' "$wrapper"
