#!/usr/bin/env bash
# Crystal-graph benchmark: tomo vs a pymatgen CGCNN featurizer, same machine, same run.
#
#   bench/graph_benchmark.sh [PYMATGEN_SAMPLE]     (default 3000 materials; 0 = the whole dataset)
#
# tomo: `./tomo dataset graphs --mode both` into a fresh cache directory (CSV read + CIF parse,
# then structure and composition graphs), 2 build threads. pymatgen: bench/pymatgen_featurizer.py
# over 2 processes, on a fixed random sample (seed 2026) extrapolated to the whole dataset unless
# PYMATGEN_SAMPLE is 0. Then bench/graph_crosscheck.py compares 200 random materials' neighbour
# distances. Peak memory from /usr/bin/time -v (Debian package `time`).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
sample="${1:-3000}"
dataset="${TOMO_DATASET:-$here/../shared/datasets/mp2020-36k/materials_project.csv.gz}"
work="$(mktemp -d "${TMPDIR:-/tmp}/tomo-graph-bench.XXXXXX")"
trap 'rm -rf "$work/cache"' EXIT

if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time
fi
# build outside the timed region
mvn -B -q -DskipTests -Dspotless.check.skip=true package >&2

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== tomo: ./tomo dataset graphs $dataset --mode both --cache-dir <fresh> --threads 2"
/usr/bin/time -v -o "$work/tomo.time" \
  ./tomo dataset graphs "$dataset" --mode both --cache-dir "$work/cache" --threads 2 | tee "$work/tomo.txt"
du -b "$work"/cache/*.graphs | tee "$work/tomo.du"

echo "== pymatgen: bench/pymatgen_featurizer.py --sample $sample --processes 2"
/usr/bin/time -v -o "$work/pymatgen.time" \
  python3 bench/pymatgen_featurizer.py --dataset "$dataset" --sample "$sample" --processes 2 \
  | tee "$work/pymatgen.json"

echo "== cross-check: 200 random materials"
python3 bench/graph_crosscheck.py "$(ls "$work"/cache/*-structure-*.graphs)" --dataset "$dataset" --sample 200

python3 - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
def gnu_time(path):
    text = open(path).read()
    get = lambda label: re.search(re.escape(label) + r":\s*(.+)", text).group(1).strip()
    wall = get("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
    seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    return {"wall": seconds, "cpu": float(get("User time (seconds)")) + float(get("System time (seconds)")),
            "rss_mib": int(get("Maximum resident set size (kbytes)")) / 1024}
tomo_out = open(f"{work}/tomo.txt").read()
m = re.search(r"read ([\d,]+) materials .* in ([\d.]+) s", tomo_out)
materials = int(m.group(1).replace(",", ""))
total = re.search(r"total ([\d.]+) s: read ([\d.]+) s \(CPU ([\d.]+) s\), graphs ([\d.]+) s \(CPU ([\d.]+) s\)", tomo_out)
t_total, t_read, c_read, t_graphs, c_graphs = map(float, total.groups())
tomo_time, pmg_time = gnu_time(f"{work}/tomo.time"), gnu_time(f"{work}/pymatgen.time")
pmg = json.loads(open(f"{work}/pymatgen.json").read())
cache_bytes = sum(int(line.split()[0]) for line in open(f"{work}/tomo.du"))
tomo_rate = materials / t_total
pmg_rate = pmg["materials_per_second"]
# CPU per material: pymatgen's whole process CPU includes reading the CSV once; tomo's includes JVM start
pmg_cpu_per = (pmg_time["cpu"]) / pmg["materials"]
tomo_cpu_per = tomo_time["cpu"] / materials
print()
print("== summary")
print(f"tomo      {materials} materials, both modes: read+parse {t_read:.1f} s, graphs {t_graphs:.1f} s, "
      f"total {t_total:.1f} s -> {tomo_rate:.0f} materials/s (graphs alone {materials / t_graphs:.0f}/s); "
      f"process wall {tomo_time['wall']:.1f} s, CPU {tomo_time['cpu']:.1f} s, peak RSS {tomo_time['rss_mib']:.0f} MiB; "
      f"cache {cache_bytes / 2**20:.1f} MiB on disk (both modes)")
what = "sample of %d, extrapolated" % pmg["materials"] if pmg["sampled"] else "whole dataset"
print(f"pymatgen  {pmg['materials']} materials ({what}): featurize {pmg['featurize_wall_seconds']:.1f} s "
      f"-> {pmg_rate:.1f} materials/s, whole dataset ~{pmg['extrapolated_full_dataset_seconds']:.0f} s; "
      f"process CPU {pmg_time['cpu']:.1f} s, peak RSS {pmg_time['rss_mib']:.0f} MiB (parent)")
print(f"speed-up  wall: {tomo_rate / pmg_rate:.0f}x   CPU per material: {pmg_cpu_per / tomo_cpu_per:.0f}x")
PY
echo "(work files: $work)"
