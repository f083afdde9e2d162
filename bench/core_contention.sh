#!/usr/bin/env bash
# What a second training on the other core costs: one CGCNN training alone against two side by side
# (separate processes, one intra-op thread each), and one training with two intra-op threads, for tomo
# and for the PyTorch reference on the same export; plus two engine-free probes (a cache-resident
# Python loop and a numpy pass over arrays far larger than the caches). From these:
#   speed-up of a 2nd intra-op thread     s2 = atoms/s (1 training, 2 threads) / atoms/s (1 training, 1 thread)
#   efficiency of a 2nd training          e  = mean atoms/s (2 side by side) / atoms/s (alone), per training
#   K = 2 against one 2-thread training   2e / s2 (what `--concurrency auto` can gain on 2 cores)
#
#   bench/core_contention.sh [OUT_DIR]      (SAMPLE default 3000, SAMPLE_SEED 2026, EPOCHS 6, PYTHON with torch)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/target/core-contention}"
sample="${SAMPLE:-3000}"
sample_seed="${SAMPLE_SEED:-2026}"
epochs="${EPOCHS:-6}"
python="${PYTHON:-python3}"
mkdir -p "$out"
rm -rf "$out"/ck-*
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"

tomo() { # name seed threads [extra args]
  local name="$1" seed="$2" threads="$3"; shift 3
  "$here/tomo" train --target formation_energy_per_atom --mode structure --seed "$seed" \
      --sample "$sample" --sample-seed "$sample_seed" --epochs "$epochs" --threads "$threads" \
      --checkpoint-dir "$out/ck-$name" "$@" >"$out/$name.json" 2>"$out/$name.log" \
    || { tail -20 "$out/$name.log"; exit 1; }
}
torch_run() { # name seed threads
  "$python" "$here/bench/pytorch_cgcnn.py" "$out/export" --epochs "$epochs" --factored --threads "$3" \
      --seed "$2" --output "$out/$1.json" >"$out/$1.log" 2>&1 || { tail -20 "$out/$1.log"; exit 1; }
}
tcmalloc=""
for d in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib /usr/local/lib; do
  [ -e "$d/libtcmalloc_minimal.so.4" ] && { tcmalloc="$d/libtcmalloc_minimal.so.4"; break; }
done

echo "== tomo: random $sample materials (seed $sample_seed), $epochs epochs (the first run builds the graphs and the export)"
tomo warm 1 1 --export-npz "$out/export"
tomo t1 1 1
tomo t2 1 2
tomo c1 1 1 & a=$!; tomo c2 2 1 & b=$!; wait $a $b
if "$python" -c 'import torch' 2>/dev/null; then
  echo "== PyTorch reference on the same export (malloc: ${tcmalloc:-glibc})"
  export LD_PRELOAD="${tcmalloc}"
  torch_run p1 1 1
  torch_run p2 1 2
  torch_run pc1 1 1 & a=$!; torch_run pc2 2 1 & b=$!; wait $a $b
  unset LD_PRELOAD
fi
echo "== engine-free probes, 20 s each"
probe() { "$python" - "$1" <<'PY'
import sys, time
kind = sys.argv[1]
end = time.perf_counter() + 20
if kind == "loop":
    n = 0
    while time.perf_counter() < end:
        x = 0
        for i in range(100000):
            x += i * i
        n += 1
    print(n * 1e5 / 20 / 1e6)
else:
    import numpy as np
    a = np.ones(64 << 20, dtype=np.float32); b = np.ones_like(a); c = np.empty_like(a)
    n = 0
    while time.perf_counter() < end:
        np.multiply(b, 1.5, out=c); np.add(c, a, out=c)
        n += 1
    print(n * 5 * a.nbytes / 20 / 1e9)  # bytes moved: b read, c written, c read, a read, c written
PY
}
for kind in loop stream; do
  probe "$kind" >"$out/$kind-1.txt"
  probe "$kind" >"$out/$kind-c1.txt" & a=$!; probe "$kind" >"$out/$kind-c2.txt" & b=$!; wait $a $b
done

"$python" - "$out" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
def tomo(name):
    r = json.loads((out / f"{name}.json").read_text())
    return r["trainAtomsPerSecond"], r["trainCrystalsPerSecond"]
def torch(name):
    p = out / f"{name}.json"
    if not p.exists():
        return None
    r = json.loads(p.read_text())
    return r["atoms_per_second_steady"], r["crystals_per_second_steady"]
def num(name):
    return float((out / f"{name}.txt").read_text())
print("| engine | 1 training, 1 thread | 1 training, 2 threads | 2 side by side, each | s2 | e | 2e / s2 |")
print("|---|---:|---:|---:|---:|---:|---:|")
for label, get, names in [("tomo", tomo, ("t1", "t2", "c1", "c2")), ("PyTorch reference", torch, ("p1", "p2", "pc1", "pc2"))]:
    v = [get(n) for n in names]
    if None in v:
        continue
    one, two, ca, cb = (x[0] for x in v)
    s2 = two / one; e = (ca + cb) / 2 / one
    crystals = " / ".join(f"{x[1]:.0f}" for x in v)
    print(f"| {label} (atoms/s; crystals/s {crystals}) | {one:,.0f} | {two:,.0f} | {(ca + cb) / 2:,.0f} | {s2:.2f} | {e:.2f} | **{2 * e / s2:.2f}** |")
for kind, unit in [("loop", "M Python iterations/s"), ("stream", "GB/s numpy")]:
    one = num(f"{kind}-1"); a = num(f"{kind}-c1"); b = num(f"{kind}-c2")
    print(f"| probe: {kind} ({unit}) | {one:.2f} | — | {(a + b) / 2:.2f} | — | {(a + b) / 2 / one:.2f} | — |")
PY
