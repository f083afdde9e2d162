#!/usr/bin/env python3
"""Summarizes bench/science.sh: per protocol, the diagonal check, the seed-to-seed spread, the
significant sets under each rule, the null control and the cost; then how the protocols agree.

    python3 bench/science_table.py OUT_DIR PROTOCOL [PROTOCOL ...]

Reads OUT_DIR/<protocol>/artifacts/reports/*/cells.csv (written by tomo's report) and
OUT_DIR/<protocol>/timing (start, end, exit code, load).
"""
import csv
import math
import pathlib
import statistics
import sys

RULES = ("paired", "interval", "paper_bounds")


def cells(out, protocol):
    found = sorted((out / protocol / "artifacts" / "reports").glob("*/cells.csv"))
    if not found:
        sys.exit(f"science_table: no cells.csv under {out / protocol} (did the sweep finish?)")
    with open(found[0], newline="") as f:
        return list(csv.DictReader(f))


def changes(row):
    return [float(x) for x in row["seed_changes_percent"].split()]


def is_control(row):
    return row["property"].startswith("permuted:")


def is_diagonal(row):
    return row.get("diagonal", "").lower() == "true" or row["property"] == row["target"]


def fmt(xs):
    return ", ".join(f"{x:+.1f}" for x in xs)


def sd(xs):
    return statistics.stdev(xs) if len(xs) > 1 else float("nan")


def trainings(out, protocol):
    return sum(1 for _ in (out / protocol / "artifacts" / "trainings").rglob("*.json"))


def main():
    out = pathlib.Path(sys.argv[1])
    protocols = sys.argv[2:]
    by_protocol = {}
    for p in protocols:
        rows = cells(out, p)
        by_protocol[p] = rows
        t0, t1, rc, *load = (out / p / "timing").read_text().split()
        hours = (float(t1) - float(t0)) / 3600
        findings = [r for r in rows if not is_control(r) and not is_diagonal(r)]
        print(f"\n### protocol {p}: {trainings(out, p)} trainings, {hours:.2f} h wall"
              f" (exit {rc}, load after {' '.join(load)})\n")
        for r in rows:
            if is_diagonal(r):
                print(f"- diagonal ({r['target']} as its own input, {r['representation']}):"
                      f" mean {float(r['mean_change_percent']):+.1f} % (seeds {fmt(changes(r))})")
        spreads = [sd(changes(r)) for r in findings]
        spreads = [s for s in spreads if not math.isnan(s)]
        if spreads:
            print(f"- seed-to-seed sd of a cell's change: median {statistics.median(spreads):.1f},"
                  f" mean {statistics.mean(spreads):.1f} points over {len(spreads)} cells")
        for rule in RULES:
            sig = [r["property"] for r in findings if r.get(f"significant_{rule}", "").lower() == "true"]
            print(f"- significant ({rule.replace('_', '-')}): {', '.join(sig) if sig else 'none'}")
        controls = [r for r in rows if is_control(r)]
        for c in controls:
            sig = [rule for rule in RULES if c.get(f"significant_{rule}", "").lower() == "true"]
            print(f"- null control {c['property']}: mean {float(c['mean_change_percent']):+.1f} %"
                  f" (seeds {fmt(changes(c))}), significant under {', '.join(sig) if sig else 'no rule'}")
            spread = max(abs(x) for x in changes(c))
            worse = [r["property"] for r in findings if min(changes(r)) > spread]
            print(f"  properties worse in every seed by more than the control's largest |change|"
                  f" ({spread:.1f}): {', '.join(worse) if worse else 'none'}")
        print()
        print("| property | mean % | seeds | paper value [lower, upper] | paired | interval | paper-bounds |")
        print("|---|---:|---|---|---|---|---|")
        for r in rows:
            mark = " (diagonal)" if is_diagonal(r) else " (control)" if is_control(r) else ""
            flags = ["yes" if r.get(f"significant_{rule}", "").lower() == "true" else "" for rule in RULES]
            pv = r.get("paper_value_percent", "")
            bounds = (f"{float(pv):+.1f} [{float(r['paper_lower_percent']):+.1f},"
                      f" {float(r['paper_upper_percent']):+.1f}]") if pv else ""
            print(f"| {r['property']}{mark} | {float(r['mean_change_percent']):+.1f} | {fmt(changes(r))}"
                  f" | {bounds} | {' | '.join(flags)} |")
    if len(protocols) >= 2:
        a, b = protocols[0], protocols[1]
        key = lambda r: (r["target"], r["property"], r["representation"])
        ma = {key(r): float(r["mean_change_percent"]) for r in by_protocol[a] if not is_diagonal(r)}
        mb = {key(r): float(r["mean_change_percent"]) for r in by_protocol[b] if not is_diagonal(r)}
        common = sorted(ma.keys() & mb.keys())
        if len(common) > 2:
            xs, ys = [ma[k] for k in common], [mb[k] for k in common]
            r = statistics.correlation(xs, ys)
            same_sign = sum((x < 0) == (y < 0) for x, y in zip(xs, ys))
            print(f"\n{a} against {b}: {len(common)} cells, Pearson r of the mean changes {r:+.2f},"
                  f" same sign in {same_sign}/{len(common)}")


if __name__ == "__main__":
    main()
