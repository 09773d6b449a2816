#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, not committed) from the repository's own
# inputs: the manifests and sources of corpus/, the node-semver verdicts, and one tree per
# corpus case for the pipeline target. Safe to run again: seeds are named by content.
set -euo pipefail
cd "$(dirname "$0")/.."

out=fuzz/corpus
mkdir -p "$out"/{json_manifest,cargo_manifest,versions,extract_js,extract_rust,pipeline}

# Writes stdin to $1/<sha1 of the content>.
seed() {
  local dir=$1 tmp
  tmp=$(mktemp)
  cat >"$tmp"
  mv "$tmp" "$dir/$(sha1sum "$tmp" | cut -c1-40)"
}

while IFS= read -r -d '' file; do
  case "$file" in
    */package.json | */plugin.json | */pnpm-workspace.yaml | */expected.json)
      seed "$out/json_manifest" <"$file" ;;
    */Cargo.toml) seed "$out/cargo_manifest" <"$file" ;;
    *.d.ts) { printf '\x03'; cat "$file"; } | seed "$out/extract_js" ;;
    *.tsx) { printf '\x02'; cat "$file"; } | seed "$out/extract_js" ;;
    *.ts | *.mts | *.cts) { printf '\x01'; cat "$file"; } | seed "$out/extract_js" ;;
    *.js | *.mjs | *.cjs | *.jsx) { printf '\x00'; cat "$file"; } | seed "$out/extract_js" ;;
    *.rs) seed "$out/extract_rust" <"$file" ;;
  esac
done < <(find corpus -type f -print0 | sort -z)
for file in analyzer/src/extract/rust.rs analyzer/src/lib.rs; do
  seed "$out/extract_rust" <"$file"
done

# "range\nversion" pairs from the node-semver verdicts, and a few of Cargo's own.
grep -m 400 -o '^\["[^"]*","[^"]*"' analyzer/tests/npm-semver/verdicts.json |
  while IFS= read -r row; do
    version=${row#\[\"}
    version=${version%%\"*}
    range=${row#*\",\"}
    range=${range%\"}
    printf '%s\n%s' "$range" "$version" | seed "$out/versions"
  done
for pair in '^1.2\n1.3.0' '~1\n1.9.9' '>=1.2, <2\n1.5.0' '=0.3.0-alpha.1\n0.3.0-alpha.1' \
  '1.2.3 - 2.3.4\n2.0.0' '1.x || >=2.5.0 || 5.0.0 - 7.2.3\n6.0.0' '*\n0.0.0-0'; do
  printf "$pair" | seed "$out/versions"
done

# The pipeline target: one tree per corpus case. Each file is a path slot byte (an index
# into TREE_PATHS in analyzer/src/fuzzing.rs), its content, and a NUL; files go to the free
# slots of their kind in order.
for case in corpus/*/; do
  declare -A next=()
  slots_for() {
    case "$1" in
      */package.json) echo "4 14 12 28 31 0" ;;
      */plugin.json) echo "5 26" ;;
      */Cargo.toml) echo "17 23 2" ;;
      */pnpm-workspace.yaml) echo "1" ;;
      */plugdep.toml) echo "3" ;;
      *.tsx) echo "9" ;;
      *.d.ts) echo "10" ;;
      *.ts) echo "8" ;;
      *.js | *.mjs | *.cjs | *.jsx) echo "6 15 13 27 7 11" ;;
      *.rs) echo "18 19 20 24 21 22 25" ;;
    esac
  }
  {
    while IFS= read -r -d '' file; do
      slots=$(slots_for "$file")
      [ -n "$slots" ] || continue
      kind=${slots%% *}
      used=${next[$kind]:-0}
      read -r -a list <<<"$slots"
      [ "$used" -lt "${#list[@]}" ] || continue
      next[$kind]=$((used + 1))
      printf "\\x$(printf '%02x' "${list[$used]}")"
      tr -d '\000' <"$file"
      printf '\0'
    done < <(find "$case" -type f ! -name expected.json -print0 | sort -z)
  } | seed "$out/pipeline"
  unset next
done

for dir in "$out"/*/; do
  echo "$(find "$dir" -type f | wc -l) seeds in $dir"
done
