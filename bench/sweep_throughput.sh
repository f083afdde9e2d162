#!/usr/bin/env bash
# Sweep throughput of training-worker layouts: one fixed real CGCNN sweep, timed end to end on a
# Temporal server with separate worker processes, once per layout.
#
#   bench/sweep_throughput.sh [OUT_DIR]
#
# The sweep: 2 targets x 3 properties x 1 representation (structure) x 3 seeds with the shared
# baseline = 18 cells + 6 baselines = 24 CGCNN trainings of EPOCHS epochs on a seeded random sample
# of SAMPLE materials of the shared dataset. The sample file is written first with Python's csv module
# (rows drawn by random.Random(SAMPLE_SEED).sample over the whole file, kept in file order), because
# sweep specs do not take a sample yet.
#
# Layouts (LAYOUTS, default all four):
#   today      1 training worker, --concurrency 1 (one training at a time with every core)
#   auto       1 training worker, --concurrency auto (K and threads from the cores)
#   processes  2 training workers, each --concurrency 1 --threads-per-training 1
#   one-core   'auto' with every process pinned to core 0 (taskset): trainings/hour on 1 core
#   gpuK       1 training worker with K trainings at once on GPU 0 (e.g. gpu1 gpu2 gpu4 gpu8)
# Environment: SAMPLE (2000), SAMPLE_SEED (2026), EPOCHS (3), DATASET (the shared file).
# Every layout gets a fresh artifact directory (nothing memoized) and builds its own graph cache.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$here/target/sweep-throughput}" && cd "${1:-$here/target/sweep-throughput}" && pwd)"
sample="${SAMPLE:-2000}"
seed="${SAMPLE_SEED:-2026}"
epochs="${EPOCHS:-3}"
layouts="${LAYOUTS:-today auto processes one-core}"
dataset="${DATASET:-$here/../shared/datasets/mp2020-36k/materials_project.csv.gz}"
tomo="$here/tomo"

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(load)"
"$tomo" --version >/dev/null # builds the CLI first, outside the timed region

sample_file="$out/sample-$sample-seed$seed.csv"
if [ ! -s "$sample_file" ]; then
  python3 - "$dataset" "$sample_file" "$sample" "$seed" <<'PY'
import csv, gzip, random, sys
src, dst, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
csv.field_size_limit(1 << 30)
with gzip.open(src, "rt", newline="") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
keep = sorted(random.Random(seed).sample(range(len(body)), n))
with open(dst + ".tmp", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    w.writerows(body[i] for i in keep)
import os; os.replace(dst + ".tmp", dst)
PY
fi
python3 - "$sample_file" <<'PY'
import csv, sys
csv.field_size_limit(1 << 30)
with open(sys.argv[1], newline="") as f:
    r = csv.DictReader(f)
    sites = []
    for row in r:
        lines = row["cif"].splitlines()
        # P1 CIFs from pymatgen: one line per site after the _atom_site_occupancy loop header
        start = next(i for i, l in enumerate(lines) if l.strip() == "_atom_site_occupancy") + 1
        sites.append(sum(1 for l in lines[start:] if l.strip() and not l.startswith(("_", "loop_"))))
print(f"sample: {len(sites)} materials, {sum(sites) / len(sites):.1f} sites per cell on average")
PY

pids=()
cleanup() {
  local p
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  pids=()
}
trap cleanup EXIT
trap "exit 143" TERM INT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

run_layout() { # name, pin prefix ("" or "taskset -c 0"), then one argument string per training worker
  local name="$1" pin="$2"; shift 2
  local dir="$out/$name" port
  rm -rf "$dir"; mkdir -p "$dir"
  port="$(free_port)"
  cat >"$dir/spec.json" <<JSON
{"name": "throughput", "dataset": "$sample_file",
 "targets": ["band_gap", "formation_energy_per_atom"],
 "properties": ["volume", "total_magnetization", "spacegroup.number"],
 "representations": ["structure"], "seeds": [0, 1, 2],
 "hyper": {"epochs": $epochs, "batchSize": 256, "optimizer": "sgd", "learningRate": 0.01, "momentum": 0.9,
           "milestone": 100},
 "baseline": "shared", "artifactDir": "$dir/artifacts"}
JSON
  $pin "$tomo" server --port "$port" --metrics-port -1 >"$dir/server.log" 2>&1 & pids+=($!)
  until python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do sleep 1; done
  local temporal="127.0.0.1:$port"
  # --trainer: the report collects the results of this trainer
  $pin "$tomo" worker --queue orchestration --trainer cgcnn --temporal "$temporal" --sticky-off --metrics-port -1 \
      >"$dir/orchestration.log" 2>&1 & pids+=($!)
  local i=0 args trainers=()
  for args in "$@"; do
    # shellcheck disable=SC2086 # args is a list of options
    $pin "$tomo" worker --queue training --trainer cgcnn --temporal "$temporal" --sticky-off \
        --metrics-port -1 $args >"$dir/training-$i.log" 2>&1 & pids+=($!); trainers+=($!)
    i=$((i + 1))
  done
  echo "== $name: $# training worker(s) [$*]${pin:+, pinned: $pin}; load before $(load)"
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  local try
  for try in 1 2 3; do # exit 1: the start call itself failed (a loaded machine's server can time out)
    rc=0
    $pin "$tomo" sweep start --spec "$dir/spec.json" --id throughput --temporal "$temporal" --wait \
        >>"$dir/sweep.log" 2>&1 || rc=$?
    [ "$rc" = 1 ] || break
  done
  t1=$(date +%s.%N)
  [ "$rc" = 0 ] || { echo "  sweep exit $rc (2: failed cells), see $dir/sweep.log"; tail -5 "$dir/sweep.log"; }
  grep -h "^tomo worker" "$dir"/training-*.log | sed 's/^/  /'
  # CPU seconds (user + system) of the training workers: steadier than wall time on a shared machine
  local p cpu=0
  for p in "${trainers[@]}"; do
    cpu=$(python3 -c "import os; f=open('/proc/$p/stat').read().rsplit(')', 1)[1].split(); print($cpu + (int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK'))")
  done
  echo "$cpu" >"$dir/cpu"
  echo "$t0 $t1 $rc $(load)" >"$dir/timing"
  echo "  wall $(python3 -c "print(f'{$t1 - $t0:.1f}')") s; load after $(load)"
  cleanup
}

for layout in $layouts; do
  case "$layout" in
    today) run_layout today "" "--concurrency 1" ;;
    auto) run_layout auto "" "--concurrency auto" ;;
    processes) run_layout processes "" "--concurrency 1 --threads-per-training 1" \
        "--concurrency 1 --threads-per-training 1" ;;
    one-core) run_layout one-core "taskset -c 0" "--concurrency auto" ;;
    gpu[0-9]*) # K trainings at once on GPU 0 (bench/gpu_check.sh; needs the -Pcuda build)
      run_layout "$layout" "" "--gpus 0 --concurrency ${layout#gpu} --threads-per-training 1" ;;
    *) echo "unknown layout $layout" >&2; exit 2 ;;
  esac
done

python3 - "$out" $layouts <<'PY'
import csv, json, pathlib, sys
out, names = pathlib.Path(sys.argv[1]), sys.argv[2:]
rows, metrics = {}, {}
print()
print("| layout | trainings | failed cells | wall s | trainings/hour | vs first row | crystals/s per training (mean) | atoms/s per training (mean) | crystals/s, whole worker | atoms/s, whole worker | threads | K | CPU s per training | load at end |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
base = None
for name in names:
    d = out / name
    t0, t1, rc, *ld = (d / "timing").read_text().split()
    wall = float(t1) - float(t0)
    stored = [json.loads(p.read_text()) for p in (d / "artifacts" / "trainings").rglob("*.json")]
    stored = [s for s in stored if s.get("provenance")]
    prov = [s["provenance"] for s in stored]
    n = len(stored)
    per_hour = 3600 * n / wall
    if base is None:  # the first layout (today's, in the default order) is the reference
        base = per_hour
    cps = sum(float(p["trainCrystalsPerSecond"]) for p in prov) / max(1, len(prov))
    aps = sum(float(p.get("trainAtomsPerSecond", "nan")) for p in prov) / max(1, len(prov))
    # everything the workers trained (crystals x epochs) over the sweep's wall time
    crystals = sum(int(p["trainValidationTestMaterials"].split("/")[0]) * s["epochs"]
                   for p, s in zip(prov, stored))
    atoms = sum(int(p["trainValidationTestMaterials"].split("/")[0]) * s["epochs"]
                * float(p["trainAtomsPerSecond"]) / float(p["trainCrystalsPerSecond"])
                for p, s in zip(prov, stored))
    threads = sorted({p["threads"] for p in prov})
    k = sorted({p.get("concurrency", "?") for p in prov})
    failed = "none" if rc == "0" else f"exit {rc}"
    cpu = float((d / "cpu").read_text()) if (d / "cpu").exists() else float("nan")
    ratio = f"{per_hour / base:.2f}x" if base else "-"
    print(f"| {name} | {n} | {failed} | {wall:.1f} | {per_hour:.0f} | {ratio} | {cps:.1f} | {aps:.0f} | {crystals / wall:.1f} | {atoms / wall:.0f} | {','.join(threads)} | {','.join(k)} | {cpu / n:.1f} | {' '.join(ld)} |")
    tables = list((d / "artifacts" / "reports").rglob("table1.csv"))
    text = tables[0].read_text() if tables else ""
    rows[name] = text if len(text.strip().splitlines()) > 1 else None  # header only: nothing reported
    # every training's test metric by what was trained (the content hash includes the artifact dir)
    metrics[name] = {(s["request"]["target"], s["request"]["property"], s["request"]["seed"]):
                     s["outcome"]["testMetric"] for s in stored}
print()
ref = next((n for n in names if n != "today"), names[0])
for name in names:
    if name != ref and metrics.get(name) and metrics.get(ref):
        keys = metrics[name].keys() & metrics[ref].keys()
        same = sum(metrics[name][k] == metrics[ref][k] for k in keys)
        worst = max((abs(metrics[name][k] / metrics[ref][k] - 1) for k in keys), default=0.0)
        print(f"test metrics of {name} vs {ref}: {same}/{len(keys)} bit-identical, largest relative "
              f"difference {worst:.2e}")
ref = next((n for n in names if rows.get(n) and n != "today"), None)
for name in names:
    if rows.get(name) is None:
        print(f"{name}: no Table 1 rows")
    elif ref and name != ref:
        same = rows[name] == rows[ref]
        print(f"Table 1 of {name} {'is byte-identical to' if same else 'differs from'} {ref}'s")
        if not same:
            a = list(csv.reader(rows[name].splitlines())); b = list(csv.reader(rows[ref].splitlines()))
            worst = 0.0
            for ra, rb in zip(a[1:], b[1:]):
                for x, y in zip(ra, rb):
                    try:
                        worst = max(worst, abs(float(x) - float(y)))
                    except ValueError:
                        pass
            print(f"  largest difference of a number in it: {worst:.3g}")
PY
