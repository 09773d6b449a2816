#!/usr/bin/env bash
# Installs Microsoft's SARIF multitool (npm: @microsoft/sarif-multitool 5.7.0, whose Linux
# binary ships inside @microsoft/sarif-multitool-linux) into DIR, outside the repository,
# and prints the path of the runnable validator, for PLUGDEP_SARIF_MULTITOOL:
#
#     export PLUGDEP_SARIF_MULTITOOL=$(bash tests/sarif/setup.sh /tmp/plugdep-sarif)
#     cargo test --test sarif
#
# The printed path is a wrapper, DIR/sarif-multitool, that runs the binary with
# DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1: the multitool is a self-contained .NET program,
# and .NET aborts at start-up when libicu is missing unless globalization-invariant mode is
# on. A validator needs no culture data, so the wrapper always sets it: the same behaviour
# with or without libicu. Also beside the wrapper: sarif-2.1.0.json, the schema the
# package ships (tests/sarif/sarif-schema-2.1.0.json is a copy of it).

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

dir=$(install_dir "$@")

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *)
        echo "$0: the multitool package ships a Linux x86-64 binary; this is $(uname -s)-$(uname -m)" >&2
        exit 1
        ;;
esac

npm_install "$dir" "$here/multitool"

package="$dir/node_modules/@microsoft/sarif-multitool-linux"
binary="$package/Sarif.Multitool"
if [ ! -f "$binary" ]; then
    echo "$0: $binary is missing after npm ci" >&2
    exit 1
fi
# What the package's postinstall script does (npm ci ran without scripts).
chmod u+x "$binary"

wrapper="$dir/sarif-multitool"
cat >"$wrapper" <<WRAPPER
#!/bin/sh
# Runs the SARIF multitool installed by plugdep's tests/sarif/setup.sh.
# Globalization-invariant mode: .NET needs no libicu then (see setup.sh).
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT
exec "$binary" "\$@"
WRAPPER
chmod +x "$wrapper"
ln -sf "$package/sarif-2.1.0.json" "$dir/sarif-2.1.0.json"

if ! version=$("$wrapper" --version 2>&1); then
    echo "$0: the multitool does not run:" >&2
    printf '%s\n' "$version" >&2
    exit 1
fi
echo "$0: $(printf '%s\n' "$version" | head -n 1)" >&2
printf '%s\n' "$wrapper"
