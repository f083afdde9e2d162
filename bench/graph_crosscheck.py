#!/usr/bin/env python3
"""Cross-checks tomo's structure graphs against pymatgen on a random sample of materials.

For each sampled material, every site's 12 neighbour distances in tomo's graph cache must equal
pymatgen's (Structure.get_all_neighbors(8 Å), 12 nearest, padded with 9 Å) within 1e-4 Å. Sites
are matched one to one by their distance rows, so the check does not depend on site order.

    python3 bench/graph_crosscheck.py CACHE_FILE [--sample 200] [--seed 7]
"""
import argparse
import os
import random
import sys
from multiprocessing import Pool

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from graph_cache import GraphCacheFile  # noqa: E402
from pymatgen_featurizer import featurize, quiet, read_rows  # noqa: E402

TOLERANCE = 1e-4


def main():
    p = argparse.ArgumentParser()
    p.add_argument("cache")
    p.add_argument("--dataset", default=os.environ.get("TOMO_DATASET",
                   os.path.join(os.path.dirname(__file__), "..", "..", "shared", "datasets",
                                "mp2020-36k", "materials_project.csv.gz")))
    p.add_argument("--sample", type=int, default=200)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args()

    cache = GraphCacheFile(args.cache)
    if ";mode=structure;" not in cache.key:
        sys.exit(f"{args.cache} holds {cache.key}, not structure graphs")
    picks = sorted(random.Random(args.seed).sample(range(cache.n), min(args.sample, cache.n)))
    cifs = dict(read_rows(args.dataset))
    with Pool(2, initializer=quiet) as pool:
        results = pool.map(featurize, [(cache.ids[i], cifs[cache.ids[i]]) for i in picks])

    worst, failures, sites = 0.0, [], 0
    for i, result in zip(picks, results):
        material_id, reference = result[0], np.array(result[6])
        _, _, distances = cache.graph(i)
        tomo = np.sort(distances.astype(np.float64), axis=1)
        if tomo.shape != reference.shape:
            failures.append(f"{material_id}: {tomo.shape[0]} sites in tomo, {reference.shape[0]} in pymatgen")
            continue
        unmatched = list(range(len(reference)))
        for row in tomo:
            diffs = [np.abs(reference[j] - row).max() for j in unmatched]
            best = int(np.argmin(diffs))
            worst = max(worst, diffs[best])
            if diffs[best] > TOLERANCE:
                failures.append(f"{material_id}: a site's distances differ by {diffs[best]:.2e} Å")
                break
            unmatched.pop(best)
        sites += len(tomo)

    print(f"cross-check: {len(picks)} materials, {sites} sites, 12 distances each; "
          f"largest difference {worst:.2e} Å (tolerance {TOLERANCE} Å); "
          f"{len(picks) - len(failures)} of {len(picks)} agree")
    for f in failures:
        print("  MISMATCH", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
