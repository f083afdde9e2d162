"""Cross-checks tomo's derived properties against pymatgen on a whole dataset.

    ./tomo dataset inspect --export-derived /tmp/tomo-derived.csv
    python3 bench/verify_derived_properties.py --java /tmp/tomo-derived.csv

For every row, pymatgen (from PyPI) parses the CIF and computes
  nsites       len(structure)
  density      structure.density (g/cm³)
  oxide_type   pymatgen.analysis.structure_analyzer.oxide_type(structure)
  is_hubbard   the rule pymatgen's MPRelaxSet applies to set LDAU: some element of the structure has a
               U > 0 in MPRelaxSet.CONFIG["INCAR"]["LDAUU"][most electronegative element]
               (building the whole INCAR per structure triples the run time for the same answer)
and the figures are compared with the values tomo derived (the CSV written by
`tomo dataset inspect --export-derived`). Density must agree within 1e-3 relative and nsites exactly
for every row; oxide_type and is_hubbard agreement rates are reported, with every disagreement listed.
pymatgen's values are cached (--cache) so that re-running the comparison is quick.
"""
import argparse
import csv
import gzip
import multiprocessing
import os
import sys
import time
import warnings

csv.field_size_limit(sys.maxsize)
DEFAULT_DATASET = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               "../../shared/datasets/mp2020-36k/materials_project.csv.gz")
FIELDS = ["material_id", "nsites", "density", "oxide_type", "is_hubbard"]


def open_text(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    return gzip.open(path, "rt", newline="") if magic == b"\x1f\x8b" else open(path, newline="")


def pymatgen_values(item):
    material_id, cif = item
    warnings.filterwarnings("ignore")
    from pymatgen.analysis.structure_analyzer import oxide_type
    from pymatgen.core import Structure
    from pymatgen.io.vasp.sets import MPRelaxSet

    s = Structure.from_str(cif, fmt="cif")
    elements = sorted(s.composition.elements, key=lambda e: e.X)
    u_table = MPRelaxSet.CONFIG["INCAR"]["LDAUU"].get(elements[-1].symbol, {})
    hubbard = any(u_table.get(e.symbol, 0) > 0 for e in elements)
    return [material_id, len(s), repr(float(s.density)), oxide_type(s).lower(),
            "true" if hubbard else "false"]


def compute(dataset, cache, processes):
    with open_text(dataset) as f:
        items = [(r["material_id"], r["cif"]) for r in csv.DictReader(f)]
    start = time.time()
    out = []
    with multiprocessing.Pool(processes) as pool:
        for i, values in enumerate(pool.imap(pymatgen_values, items, chunksize=64), 1):
            out.append(values)
            if i % 2000 == 0:
                print(f"  pymatgen: {i}/{len(items)} rows, {time.time() - start:.0f} s",
                      file=sys.stderr, flush=True)
    with open(cache, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(FIELDS)
        w.writerows(out)
    print(f"pymatgen: {len(items)} rows in {time.time() - start:.0f} s with {processes} processes",
          file=sys.stderr)


def load(path):
    with open(path, newline="") as f:
        return {r["material_id"]: r for r in csv.DictReader(f)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default=DEFAULT_DATASET)
    ap.add_argument("--java", required=True, help="CSV from `tomo dataset inspect --export-derived`")
    ap.add_argument("--cache", default="/tmp/tomo-pymatgen-derived.csv",
                    help="pymatgen values; computed when absent")
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args()

    if not os.path.exists(args.cache):
        compute(args.dataset, args.cache, args.processes)
    ref = load(args.cache)
    java = load(args.java)
    missing = sorted(set(ref) - set(java))
    extra = sorted(set(java) - set(ref))
    ids = [m for m in ref if m in java]
    print(f"rows: pymatgen {len(ref)}, tomo {len(java)}, compared {len(ids)}"
          f" (missing in tomo {len(missing)}, only in tomo {len(extra)})")

    failures = 0
    bad_nsites = [m for m in ids if int(float(java[m]["nsites"])) != int(ref[m]["nsites"])]
    rel = [abs(float(java[m]["density"]) / float(ref[m]["density"]) - 1) for m in ids]
    bad_density = [m for m, r in zip(ids, rel) if r > 1e-3]
    print(f"nsites exact: {len(ids) - len(bad_nsites)}/{len(ids)}")
    print(f"density within 1e-3 relative: {len(ids) - len(bad_density)}/{len(ids)}"
          f" (max relative difference {max(rel):.2e})")
    for m in bad_nsites[:50]:
        print(f"  nsites {m}: tomo {java[m]['nsites']} pymatgen {ref[m]['nsites']}")
    for m in bad_density[:50]:
        print(f"  density {m}: tomo {java[m]['density']} pymatgen {ref[m]['density']}")
    failures += len(bad_nsites) + len(bad_density) + len(missing)

    for prop in ("oxide_type", "is_hubbard"):
        bad = [m for m in ids if java[m][prop] != ref[m][prop]]
        rate = 100.0 * (len(ids) - len(bad)) / len(ids)
        print(f"{prop} agreement: {len(ids) - len(bad)}/{len(ids)} = {rate:.3f} %")
        for m in bad:
            print(f"  {prop} {m}: tomo {java[m][prop]} pymatgen {ref[m][prop]}")
        if rate < 99.5:
            failures += 1
    print("OK" if failures == 0 else "FAILED")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
