#!/usr/bin/env python3
"""Turns the results folder of benches/compare.sh into summary.md (Markdown on stdout).

    python3 benches/summarize.py RESULTS_DIR PLUGINS FILES [LARGE]

Reads machine.txt, corpus.txt, runs.tsv (exit code and peak memory of each command's
first run), found.tsv (what each tool reported), scale.tsv and hyperfine's JSON exports
(NAME.json). Standard library only.
"""

import csv
import json
import math
import os
import sys


def main():
    results, plugins, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    large = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    total = plugins * files

    def read(name):
        path = os.path.join(results, name)
        return open(path, encoding="utf-8").read() if os.path.exists(path) else ""

    def tsv(name):
        path = os.path.join(results, name)
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as f:
            return list(csv.DictReader(f, delimiter="\t"))

    runs = {r["name"]: r for r in tsv("runs.tsv")}
    found = {r["name"]: r["found"] for r in tsv("found.tsv")}

    def timing(name):
        path = os.path.join(results, f"{name}.json")
        if not os.path.exists(path):
            return None
        r = json.load(open(path, encoding="utf-8"))["results"][0]
        return {"median": r["median"], "min": r["min"], "max": r["max"], "runs": len(r["times"])}

    def rss_mib(name):
        value = runs.get(name, {}).get("max_rss_kb") or ""
        return int(value) / 1024 if value.isdigit() else None

    def fmt_s(x):
        return f"{x:.3f}" if x < 1 else f"{x:.2f}"

    out = []
    p = out.append
    p("# compare.sh summary\n")
    p("## Machine\n")
    for line in read("machine.txt").splitlines():
        p(f"- {line}")
    p("\n## Corpora (gen-corpus)\n")
    for line in read("corpus.txt").splitlines():
        p(f"- {line}")

    p(f"\n## {total:,} files ({plugins} plugins × {files} files)\n")
    p("Wall time from hyperfine (`--warmup 1`); peak memory is the maximum resident set size of "
      "the largest process in the first, untimed run (`/usr/bin/time -v`).\n")
    p("| command | median s | min–max s | runs | peak RSS MiB | median ÷ plugdep's | status | found |")
    p("|---|---:|---:|---:|---:|---:|---|---|")
    base = timing("plugdep")
    for name in ["plugdep", "plugdep-jobs1", "parse-floor", "parse-floor-jobs1", "read-floor",
                 "fallow", "madge", "depcruise", "skott"]:
        t, r = timing(name), runs.get(name)
        if r is None:
            continue
        rss = rss_mib(name)
        vs = f"{t['median'] / base['median']:.2f}×" if t and base else "–"
        status = r["status"].replace("|", "\\|")
        if status == "ok" and r["exit"] not in ("0", ""):
            status = f"ok (exit {r['exit']}: findings)"
        median = fmt_s(t["median"]) if t else "–"
        spread = f"{fmt_s(t['min'])}–{fmt_s(t['max'])}" if t else "–"
        memory = f"{rss:.0f}" if rss is not None else "–"
        p(f"| {name} | {median} | {spread} | {t['runs'] if t else 0} | {memory} | {vs} | "
          f"{status} | {found.get(name, '')} |")

    p("\n### Commands\n")
    p("Each run in the corpus folder:\n")
    p("```")
    for name, r in runs.items():
        p(f"{name}: {r['command']}")
    p("```")

    def ratio(a, b):
        ta, tb = timing(a), timing(b)
        return ta["median"] / tb["median"] if ta and tb else None

    p("\n## Ratios\n")
    rows = [
        ("plugdep ÷ parse floor (cold scan vs tree-sitter parse alone)", ratio("plugdep", "parse-floor")),
        ("plugdep ÷ read floor", ratio("plugdep", "read-floor")),
        ("parse floor ÷ read floor", ratio("parse-floor", "read-floor")),
        ("madge ÷ plugdep", ratio("madge", "plugdep")),
        ("dependency-cruiser ÷ plugdep", ratio("depcruise", "plugdep")),
        ("skott ÷ plugdep", ratio("skott", "plugdep")),
        ("fallow ÷ plugdep", ratio("fallow", "plugdep")),
        ("plugdep speed-up, --jobs 1 → 2", ratio("plugdep-jobs1", "plugdep")),
        ("parse floor speed-up, --jobs 1 → 2", ratio("parse-floor-jobs1", "parse-floor")),
    ]
    p("| ratio of medians | value |")
    p("|---|---:|")
    for label, value in rows:
        p(f"| {label} | {value:.2f} |" if value is not None else f"| {label} | – |")

    p("\n## Scaling (plugdep and the parse floor, --jobs 2)\n")
    p("| plugins | files | plugdep median s | parse floor median s | plugdep ÷ floor |")
    p("|---:|---:|---:|---:|---:|")
    points = {"plugdep": [], "parse-floor": []}
    scale_rows = []
    scale_path = os.path.join(results, "scale.tsv")
    if os.path.exists(scale_path):
        for line in open(scale_path, encoding="utf-8"):
            n, count = line.split()
            scale_rows.append((int(n), int(count)))
    for n, count in scale_rows:
        a, b = timing(f"scale-plugdep-{n}"), timing(f"scale-parse-floor-{n}")
        if a:
            points["plugdep"].append((count, a["median"]))
        if b:
            points["parse-floor"].append((count, b["median"]))
        if a and b:
            p(f"| {n} | {count:,} | {fmt_s(a['median'])} | {fmt_s(b['median'])} | "
              f"{a['median'] / b['median']:.2f} |")
        else:
            p(f"| {n} | {count:,} | – | – | – |")
    fits = {}
    for name, pts in points.items():
        if len(pts) >= 2:
            xs = [math.log(x) for x, _ in pts]
            ys = [math.log(y) for _, y in pts]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            sxx = sum((x - mx) ** 2 for x in xs)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
            ss_tot = sum((y - my) ** 2 for y in ys)
            ss_res = sum((y - (my + slope * (x - mx))) ** 2 for x, y in zip(xs, ys))
            fits[name] = (slope, 1 - ss_res / ss_tot if ss_tot else 1.0)
    p("")
    for name, (slope, r2) in fits.items():
        p(f"- {name}: time ∝ files^{slope:.3f} (log-log least squares over "
          f"{len(points[name])} sizes, R² = {r2:.4f})")

    if large:
        p(f"\n## {large * files:,} files ({large} plugins × {files} files)\n")
        p("| command | median s | min–max s | runs | peak RSS MiB | median ÷ plugdep's | status |")
        p("|---|---:|---:|---:|---:|---:|---|")
        lbase = timing("large-plugdep")
        for name in ["large-plugdep", "large-parse-floor", "large-fallow"]:
            t, r = timing(name), runs.get(name)
            if r is None:
                continue
            rss = rss_mib(name)
            rt = f"{t['median'] / lbase['median']:.2f}×" if t and lbase else "–"
            p(f"| {name} | {fmt_s(t['median']) if t else '–'} | "
              f"{fmt_s(t['min']) + '–' + fmt_s(t['max']) if t else '–'} | "
              f"{t['runs'] if t else 0} | {f'{rss:.0f}' if rss is not None else '–'} | {rt} | {r['status']} |")

    p("\n## Targets of issue 7\n")
    p("| target | measured | verdict |")
    p("|---|---|---|")

    def target(label, value, ok, shown):
        if value is None:
            p(f"| {label} | not measured | – |")
        else:
            p(f"| {label} | {shown} | {'met' if ok else 'not met'} |")

    v = ratio("plugdep", "parse-floor")
    target("cold scan ≤ 1.3 × tree-sitter parse floor", v, v is not None and v <= 1.3,
           f"{v:.2f} ×" if v else "")
    for peer, label, need in [("madge", "madge", 3), ("depcruise", "dependency-cruiser", 10),
                              ("skott", "skott", 10)]:
        v = ratio(peer, "plugdep")
        target(f"≥ {need}× faster than {label}", v, v is not None and v >= need,
               f"{v:.2f}× faster" if v else "")
    v = ratio("fallow", "plugdep")
    target(f"faster than fallow at {total:,} files", v, v is not None and v > 1,
           f"fallow ÷ plugdep = {v:.2f}" if v else "")
    if large:
        v = ratio("large-fallow", "large-plugdep")
        target(f"faster than fallow at {large * files:,} files", v, v is not None and v > 1,
               f"fallow ÷ plugdep = {v:.2f}" if v else "")
    m = rss_mib("plugdep")
    target(f"peak memory ≤ 300 MiB ({total:,} files)", m, m is not None and m <= 300,
           f"{m:.0f} MiB" if m is not None else "")
    if large:
        m = rss_mib("large-plugdep")
        target(f"peak memory ≤ 300 MiB ({large * files:,} files)", m,
               m is not None and m <= 300, f"{m:.0f} MiB" if m is not None else "")
    v = ratio("plugdep-jobs1", "plugdep")
    target("--jobs 1 → 2 speed-up ≥ 1.8×", v, v is not None and v >= 1.8, f"{v:.2f}×" if v else "")
    s = fits.get("plugdep")
    target("scaling exponent ≤ 1.1", s, s is not None and s[0] <= 1.1, f"{s[0]:.3f}" if s else "")
    print("\n".join(out))


if __name__ == "__main__":
    main()
