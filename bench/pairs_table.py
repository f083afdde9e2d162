#!/usr/bin/env python3
"""Reads the TSV of bench/PairsGrid.java and prints, per pairing scheme, the change of the test MAE
that each property brings (per seed, mean, spread), and what early stopping with a patience would
have done to the same trainings (from their validation histories: a training is deterministic up to
where it stops, so the epoch it stops at and whether its reported model changes follow exactly).

    python3 bench/pairs_table.py GRID.tsv [--also LABEL=OTHER.tsv ...] [--patience 3,5]

--also merges the augmented trainings of another run of the driver (e.g. with GAIN 8)
under the name LABEL-aug, compared with GRID's tight-base; LABEL=FILE:RUN takes FILE's trainings of run
RUN instead of tight-aug (bench/pytorch_pairs.sh writes all its runs to one file).
"""
import argparse
import statistics
from collections import defaultdict

SCHEMES = [
    ("shared baseline, joint init (before)", "joint-base", "joint-aug"),
    ("shared baseline, tight pairs, zero extra weights", "tight-base", "tight-aug"),
    ("shared baseline, tight pairs, seeded extra weights", "tight-base", "seeded-aug"),
    ("per-cell masked baseline (paper), tight pairs", "tight-masked", "tight-aug"),
]


def merge(rows, also):
    for spec in also:
        label, path = spec.split("=", 1)
        path, _, wanted = path.partition(":")
        for (run, seed, extra), r in read(path).items():
            if run == (wanted or "tight-aug"):
                rows[(label + "-aug", seed, extra)] = r
        title = f"run {wanted}" if wanted else "tight pairs"
        SCHEMES.append((f"shared baseline, {title}, {label}", "tight-base", label + "-aug"))


def read(path):
    rows = {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        rows[(f[0], int(f[1]), f[2])] = {
            "best": int(f[3]), "test": float(f[4]), "ref": float(f[5]),
            "val": [float(v) for v in f[9].split(",")],
            "loss": [float(v) for v in f[10].split(",")],
        }
    return rows


def stop(val, patience):
    """(epochs run, best epoch) of the patience rule on a validation history (1-based epochs)."""
    best, best_epoch = float("inf"), 0
    for e, v in enumerate(val):  # e epochs done before this one
        if best_epoch and e - best_epoch >= patience:
            return e, best_epoch
        if v < best or best_epoch == 0:
            best, best_epoch = v, e + 1
    return len(val), best_epoch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tsv")
    ap.add_argument("--patience", default="3,5")
    ap.add_argument("--also", action="append", default=[])
    args = ap.parse_args()
    rows = read(args.tsv)
    merge(rows, args.also)
    seeds = sorted({k[1] for k in rows})
    props = sorted({k[2] for k in rows if k[2] != "-"})
    print(f"seeds {seeds}; change of test MAE, (augmented - baseline) / baseline, in %")
    for title, base_run, aug_run in SCHEMES:
        lines = []
        for p in props:
            changes = []
            for s in seeds:
                b = rows.get((base_run, s, "-" if base_run.endswith("-base") else p))
                a = rows.get((aug_run, s, p))
                if a and b:
                    changes.append(100 * (a["test"] - b["test"]) / b["test"])
            if changes:
                spread = f"{min(changes):+.1f} .. {max(changes):+.1f}"
                sd = statistics.stdev(changes) if len(changes) > 1 else float("nan")
                worse = sum(c > 0 for c in changes)
                lines.append(f"  {p:28s} mean {statistics.mean(changes):+6.1f}  min..max {spread:16s}"
                             f" sd {sd:5.1f}  worse in {worse}/{len(changes)}  per seed "
                             + " ".join(f"{c:+.1f}" for c in changes))
        if lines:
            print(title)
            print("\n".join(lines))
    print("\ntest MAE per training (eV/atom), best epoch, last train loss")
    for k in sorted(rows):
        r = rows[k]
        print(f"  {k[0]:13s} seed {k[1]} {k[2]:26s} {r['test']:.4f} (epoch {r['best']:2d})"
              f" loss {r['loss'][-1]:.4f} ref {r['ref']:.4f}")
    for patience in [int(p) for p in args.patience.split(",")]:
        total = run = changed = 0
        for k, r in sorted(rows.items()):
            epochs, best = stop(r["val"], patience)
            total += len(r["val"])
            run += epochs
            if best != r["best"]:
                changed += 1
                print(f"  patience {patience}: {k} stops after {epochs} at best epoch {best}"
                      f" (full run: best epoch {r['best']})")
        print(f"patience {patience}: {run} of {total} epochs run ({100 * (total - run) / total:.0f} % saved);"
              f" reported model different in {changed} of {len(rows)} trainings")


if __name__ == "__main__":
    main()
