#!/usr/bin/env bash
# plugdep against its floors and four peers, on one generated corpus (issue 7, "Speed and
# memory"). BENCHMARKS.md holds the numbers of one run and how to read them.
#
#   bash benches/compare.sh [RESULTS_DIR]
#
# What it does, in order:
#   1. installs what is missing: hyperfine and GNU time (Debian packages), node and npm;
#      dependency-cruiser, madge, skott and fallow with npm into a temporary folder (never
#      into the repository);
#   2. builds plugdep and the bench binaries (gen-corpus, parse-floor, read-floor) in release;
#   3. generates the corpus (gen-corpus SEED PLUGINS FILES, JavaScript, with node_modules
#      links as an npm workspace install makes them, so that peers resolving bare
#      specifiers through node_modules can see the cross-plugin edges);
#   4. runs every command once under /usr/bin/time -v (its exit code, its peak memory, what
#      it found), then, if it ran as its documentation says it should, times it with
#      hyperfine (--warmup 1, RUNS runs, JSON export);
#   5. times plugdep and the parse floor on the SCALE corpus sizes for the scaling exponent,
#      and, with LARGE set, plugdep, the parse floor and fallow on a LARGE-plugin corpus;
#   6. writes RESULTS_DIR/summary.md: medians, min–max, ratios, peak memory, scaling fit,
#      jobs 1 → 2 speed-up, and each target of the issue met or not.
#
# Environment (defaults in brackets): SEED [7], PLUGINS [500], FILES [20] (so 10,000 source
# files), RUNS [3], SCALE ["100 250 500"] (plugin counts, FILES files each), LARGE [0] (a
# plugin count such as 2500 for a 50,000-file run of plugdep, the parse floor and fallow),
# LARGE_RUNS [2], PEERS [dependency-cruiser madge skott fallow] (npm specs, to pin versions),
# KEEP [0] (1 keeps the temporary folder with the corpora and every tool's output).
# The whole script takes about 13 minutes at the defaults on 2 cores; LARGE=2500 adds about
# 11 (fallow alone takes two minutes a run at 50,000 files).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
SEED="${SEED:-7}"
PLUGINS="${PLUGINS:-500}"
FILES="${FILES:-20}"
RUNS="${RUNS:-3}"
SCALE="${SCALE:-100 250 500}"
LARGE="${LARGE:-0}"
LARGE_RUNS="${LARGE_RUNS:-2}"
PEERS="${PEERS:-dependency-cruiser madge skott fallow}"

results="${1:-$(mktemp -d -t plugdep-results.XXXXXX)}"
mkdir -p "$results"
results="$(cd "$results" && pwd)"
work="$(mktemp -d -t plugdep-bench.XXXXXX)"
cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then
    echo "kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
: >"$results/log.txt"
printf 'name\texit\tstatus\tmax_rss_kb\tload_before\tcommand\n' >"$results/runs.tsv"

log() { printf '[%s] %s\n' "$(date +%T)" "$*" | tee -a "$results/log.txt" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
started=$(date +%s)

# --- 1. tools ------------------------------------------------------------------------
apt_install() {
  (apt-get update -qq && apt-get install -y -qq "$@") >/dev/null 2>&1 ||
    log "could not apt-get install $*"
}
command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine
[ -x /usr/bin/time ] || apt_install time
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
for tool in hyperfine node npm python3 cargo /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "compare.sh needs $tool" >&2; exit 1; }
done

log "installing the peers into $work/peers: $PEERS"
mkdir -p "$work/peers"
(
  cd "$work/peers"
  npm init -y >/dev/null 2>&1
  # shellcheck disable=SC2086 # PEERS is a list of npm specs
  npm install --no-audit --no-fund --loglevel=error $PEERS >"$work/npm-install.log" 2>&1
) || { cat "$work/npm-install.log" >&2; exit 1; }
bin="$work/peers/node_modules/.bin"

# A minimal dependency-cruiser configuration (what `depcruise --init` sets up for
# resolution): follow package.json `exports` maps, never follow node_modules, and report
# every cycle. Without `exportsFields`, every cross-plugin sub-path import is unresolved.
cat >"$work/depcruise.cjs" <<'EOF'
module.exports = {
  forbidden: [{ name: 'no-circular', severity: 'warn', from: {}, to: { circular: true } }],
  options: {
    doNotFollow: { path: ['node_modules'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
EOF

# --- 2. build ------------------------------------------------------------------------
log "building plugdep and the bench binaries (release)"
(cd "$repo" && cargo build --release --locked -p plugdep -p plugdep-benches --bins) \
  >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
target="${CARGO_TARGET_DIR:-$repo/target}/release"
[ "${target#/}" != "$target" ] || target="$repo/$target"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "kernel: $(uname -sr)"
  echo "rustc: $(rustc --version)"
  echo "plugdep: commit $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?'), working tree:$(cd "$repo" && git diff --shortstat 2>/dev/null || true) (release build)"
  echo "node: $(node --version)"
  echo "hyperfine: $(hyperfine --version)"
  for p in dependency-cruiser madge skott fallow; do
    v=$(node -p "require('$work/peers/node_modules/$p/package.json').version" 2>/dev/null || echo missing)
    echo "$p: $v"
  done
  echo "load at start: $(load)"
} >"$results/machine.txt"
cat "$results/machine.txt" >&2

# --- 3. corpora ----------------------------------------------------------------------
generate() { # plugins, folder, extra flags
  log "generating $1 x $FILES into $2"
  "$target/gen-corpus" "$SEED" "$1" "$FILES" "$2" "${@:3}" | tee -a "$results/corpus.txt" >&2
}
corpus="$work/corpus-${PLUGINS}x${FILES}"
generate "$PLUGINS" "$corpus" --node-modules

# --- 4. one run for exit code and memory, then hyperfine ------------------------------
# bench NAME "ACCEPTED EXIT CODES" RUNS DIR COMMAND
bench() {
  local name="$1" accepted="$2" runs="$3" dir="$4" cmd="$5"
  local code=0 before rss status
  before="$(load)"
  log "$name (load $before): $cmd"
  (cd "$dir" && /usr/bin/time -v -o "$results/$name.time.txt" bash -c "$cmd" \
    >"$work/$name.out" 2>"$work/$name.err") || code=$?
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$results/$name.time.txt" 2>/dev/null || true)
  if [ -s "$work/$name.err" ]; then tail -c 4000 "$work/$name.err" >"$results/$name.stderr.txt"; fi
  if [[ " $accepted " == *" $code "* ]]; then
    status=ok
  else
    status="failed: exit $code: $(grep -v '^\s*$' "$work/$name.err" | tail -1 | cut -c1-200)"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$code" "$status" "${rss:-}" "$before" "$cmd" \
    >>"$results/runs.tsv"
  if [ "$status" != ok ]; then
    log "$name $status"
    return 0
  fi
  # Exit code 1 means "findings" for plugdep, fallow and madge --circular: accepted above.
  hyperfine --style basic --warmup 1 --runs "$runs" --ignore-failure \
    --export-json "$results/$name.json" -n "$name" "cd '$dir' && $cmd" \
    >>"$results/log.txt" 2>&1 || log "hyperfine failed for $name"
}

plugdep() { echo "'$target/plugdep' scan . --format json --jobs $1"; }
bench plugdep "0 1" "$RUNS" "$corpus" "$(plugdep 2)"
bench plugdep-jobs1 "0 1" "$RUNS" "$corpus" "$(plugdep 1)"
bench parse-floor "0" "$RUNS" "$corpus" "'$target/parse-floor' . --jobs 2"
bench parse-floor-jobs1 "0" "$RUNS" "$corpus" "'$target/parse-floor' . --jobs 1"
bench read-floor "0" "$RUNS" "$corpus" "'$target/read-floor' . --jobs 2"
bench fallow "0 1" "$RUNS" "$corpus" "'$bin/fallow' dead-code --circular-deps --format json --no-cache"
bench madge "0 1" "$RUNS" "$corpus" "'$bin/madge' --json --circular --extensions js,jsx,mjs,cjs --no-spinner packages"
bench depcruise "0" "$RUNS" "$corpus" "'$bin/depcruise' --config '$work/depcruise.cjs' --output-type json packages"
bench skott "0" "$RUNS" "$corpus" "'$bin/skott' --displayMode=raw --showCircularDependencies --exitCodeOnCircularDependencies=0"

# What each tool found (cycles, modules), from the outputs of the first run.
python3 - "$work" >"$results/found.tsv" <<'EOF'
import json, re, sys
work = sys.argv[1]
def read(name):
    try:
        return open(f"{work}/{name}.out", encoding="utf-8", errors="replace").read()
    except OSError:
        return None
print("name\tfound")
text = read("plugdep")
if text:
    r = json.loads(text)
    s = r["summary"]
    print(f"plugdep\t{s['plugins']} plugins, {s['files']} files, {s['edges']} plugin edges, "
          f"{len(r['cycles'])} cyclic plugin group(s), {len(r['findings'])} findings")
text = read("fallow")
if text:
    r = json.loads(text)
    print(f"fallow\t{r['summary'].get('circular_dependencies', '?')} file cycles, "
          f"{r['entry_points']['total']} entry points, {r['total_issues']} issues")
text = read("madge")
if text:
    print(f"madge\t{len(json.loads(text))} file cycles (cross-plugin imports left unresolved)")
text = read("depcruise")
if text:
    s = json.loads(text)["summary"]
    print(f"depcruise\t{s['totalCruised']} modules, {s['totalDependenciesCruised']} dependencies, "
          f"{len(s['violations'])} cycle violations")
text = read("skott")
if text:
    m = re.search(r"\((\d+)\) circular dependencies found", text)
    files = re.search(r"Processed (\d+) files", text)
    found = "no circular dependencies" if "no circular dependencies" in text else (
        f"{m.group(1)} file cycles" if m else "?")
    print(f"skott\t{files.group(1) if files else '?'} files, {found}")
EOF

# --- 5. scaling ----------------------------------------------------------------------
for n in $SCALE; do
  if [ "$n" = "$PLUGINS" ]; then
    # the main corpus: its measurements above are this size's
    cp "$results/plugdep.json" "$results/scale-plugdep-$n.json" 2>/dev/null || true
    cp "$results/parse-floor.json" "$results/scale-parse-floor-$n.json" 2>/dev/null || true
  else
    dir="$work/corpus-${n}x${FILES}"
    generate "$n" "$dir"
    bench "scale-plugdep-$n" "0 1" "$RUNS" "$dir" "$(plugdep 2)"
    bench "scale-parse-floor-$n" "0" "$RUNS" "$dir" "'$target/parse-floor' . --jobs 2"
  fi
  printf '%s\t%s\n' "$n" "$((n * FILES))" >>"$results/scale.tsv"
done

if [ "$LARGE" != 0 ]; then
  large="$work/corpus-${LARGE}x${FILES}"
  generate "$LARGE" "$large" --node-modules
  bench "large-plugdep" "0 1" "$LARGE_RUNS" "$large" "$(plugdep 2)"
  bench "large-parse-floor" "0" "$LARGE_RUNS" "$large" "'$target/parse-floor' . --jobs 2"
  bench "large-fallow" "0 1" "$LARGE_RUNS" "$large" "'$bin/fallow' dead-code --circular-deps --format json --no-cache"
fi
echo "load at end: $(load)" >>"$results/machine.txt"
echo "duration: $(($(date +%s) - started)) s" >>"$results/machine.txt"

# --- 6. summary ----------------------------------------------------------------------
python3 "$here/summarize.py" "$results" "$PLUGINS" "$FILES" "$LARGE" >"$results/summary.md"
log "done in $(($(date +%s) - started)) s: $results/summary.md"
cat "$results/summary.md"
