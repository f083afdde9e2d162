#!/usr/bin/env bash
# Chaos drill: a sweep survives killed workers and a killed server, trains nothing twice, and ends
# with the same Table 1 as an undisturbed run.
#
#   bench/chaos.sh            full drill: 60 synthetic trainings of 20 epochs (0.5 s each), a kill
#                             every 20-40 s, then 4 real CGCNN trainings (300 materials, 10
#                             epochs) with a training worker killed every 5-12 s
#   bench/chaos.sh --short    the CI version (a few minutes): 60 trainings of 8 epochs (0.25 s each),
#                             a kill every 6-12 s, no real trainings
#
# Real dev server (`temporal server start-dev`, SQLite), one orchestration worker and two training
# workers (`./tomo worker`, concurrency 2). First an undisturbed reference sweep, then the same
# sweep under chaos into a fresh artifact directory: a random training worker is SIGKILLed and
# restarted every KILL_MIN..KILL_MAX seconds; the server is SIGKILLed and restarted once (on the
# same database), and the orchestration worker once. Asserts: the chaos sweep completes with no
# failed training; it stored exactly the reference's trainings (same content hashes, one file
# each); its table1.csv equals the reference's. Prints kills survived, retried trainings that
# resumed from a checkpoint, and the epochs those resumes skipped (not redone).
# Needs the Temporal CLI (.ci/install-temporal.sh) and the shared dataset; exit 0 = all held.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

mode=full
[ "${1:-}" = --short ] && mode=short
if [ "$mode" = short ]; then
  EPOCHS=8 PAUSE_MS=250 KILL_MIN=6 KILL_MAX=12 REAL=0
else
  EPOCHS=20 PAUSE_MS=500 KILL_MIN=20 KILL_MAX=40 REAL=${CHAOS_REAL:-1}
fi

temporal_cli="$(command -v temporal || true)"
[ -z "$temporal_cli" ] && [ -x "$HOME/go/bin/temporal" ] && temporal_cli="$HOME/go/bin/temporal"
if [ -z "$temporal_cli" ]; then
  echo "chaos: the Temporal CLI is not installed (run .ci/install-temporal.sh)" >&2
  exit 1
fi
dataset="${TOMO_DATASET:-$repo/../shared/datasets/mp2020-36k/materials_project.csv.gz}"
[ -f "$dataset" ] || { echo "chaos: dataset $dataset not found (set TOMO_DATASET)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/tomo-chaos.XXXXXX")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
addr="127.0.0.1:$port"
declare -A pid=()

# every process this script starts ends with it, whatever happens (each tomo is one JVM: the
# launcher execs java; the dev server is one Go process)
cleanup() {
  for name in "${!pid[@]}"; do
    kill -9 "${pid[$name]}" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "chaos: logs and artifacts kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

log() { echo "chaos $(date -u +%H:%M:%S): $*"; }

./tomo --version >/dev/null # builds the CLI once, before anything is timed

start_server() {
  "$temporal_cli" server start-dev --headless --ip 127.0.0.1 --port "$port" \
    --http-port "$(free_port)" --metrics-port "$(free_port)" --db-filename "$work/temporal.db" \
    --log-level warn --search-attribute TomoSweep=Keyword --search-attribute TomoTarget=Keyword \
    --search-attribute TomoRepresentation=Keyword --search-attribute TomoState=Keyword \
    --search-attribute TomoFailedCells=Int >>"$work/server.log" 2>&1 &
  pid[server]=$!
  for _ in $(seq 1 120); do
    if "$temporal_cli" operator namespace describe --address "$addr" --namespace default \
      >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  echo "chaos: the dev server did not come up; see $work/server.log" >&2
  exit 1
}

# start_worker NAME QUEUE [TRAINER PAUSE_MS]
start_worker() {
  local name=$1 queue=$2 trainer=${3:-synthetic} pause=${4:-0}
  local args=(worker --queue "$queue" --temporal "$addr" --metrics-port -1 --dataset "$dataset")
  if [ "$queue" = training ]; then
    args+=(--trainer "$trainer" --epoch-pause-ms "$pause" --concurrency 2 --shutdown-seconds 30)
  fi
  TOMO_JAVA_OPTS="-Xmx1g" ./tomo "${args[@]}" >>"$work/$name.log" 2>&1 &
  pid[$name]=$!
}

# a worker must never die on its own (a server restart included): that fails the drill
alive() {
  if ! kill -0 "${pid[$1]}" 2>/dev/null; then
    echo "chaos: FAILED: worker $1 had exited by itself; see $work/$1.log" >&2
    exit 1
  fi
}

stop_worker() { # SIGTERM: the graceful path
  kill -TERM "${pid[$1]}" 2>/dev/null || true
  wait "${pid[$1]}" 2>/dev/null || true
  unset "pid[$1]"
}

spec() { # spec NAME ARTIFACT_DIR EPOCHS PROPERTIES SEEDS LIMIT (trained by $trainer)
  cat >"$work/$1.yaml" <<EOF
name: $1
dataset: $dataset
trainer: $trainer
targets: [band_gap]
properties: $4
representations: [structure, composition]
seeds: $5
hyper: {epochs: $3}
baseline: shared
nullControl: none   # a fault drill counts its trainings; the control cell is not what it checks
limit: $6
artifactDir: $2
heartbeatSeconds: 20
retryWindowMinutes: 1
EOF
  echo "$work/$1.yaml"
}

status_line() { ./tomo sweep status "$1" --temporal "$addr" 2>/dev/null | head -1 || true; }

# run_chaos ID SPEC: starts the sweep and kills things until it has settled
kills_training=0 kills_server=0 kills_orchestration=0
run_chaos() {
  local id=$1 spec=$2 n=0 line=""
  ./tomo sweep start --spec "$spec" --id "$id" --temporal "$addr" >/dev/null
  local next=$((SECONDS + KILL_MIN + RANDOM % (KILL_MAX - KILL_MIN + 1)))
  while true; do
    line="$(status_line "$id")"
    case "$line" in
      *"[COMPLETED]"* | *"[COMPLETED_WITH_FAILURES]"* | *"[WAITING_FOR_RETRY]"* | *"[FAILED]"* | *"[CANCELLED]"*) break ;;
    esac
    if [ "$SECONDS" -ge "$next" ]; then
      n=$((n + 1))
      if [ "$n" = 2 ] && [ "$kills_server" = 0 ]; then
        log "kill -9 the Temporal server; restart on the same database"
        kill -9 "${pid[server]}" 2>/dev/null || true; wait "${pid[server]}" 2>/dev/null || true
        sleep 2
        start_server
        kills_server=$((kills_server + 1))
      elif [ "$n" = 3 ] && [ "$kills_orchestration" = 0 ]; then
        log "kill -9 the orchestration worker; restart it"
        alive orchestration
        kill -9 "${pid[orchestration]}" 2>/dev/null || true
        wait "${pid[orchestration]}" 2>/dev/null || true
        start_worker orchestration orchestration
        kills_orchestration=$((kills_orchestration + 1))
      else
        local victim=train$((1 + RANDOM % 2))
        log "kill -9 $victim mid-training; restart it ($line)"
        alive "$victim"
        kill -9 "${pid[$victim]}" 2>/dev/null || true
        wait "${pid[$victim]}" 2>/dev/null || true
        start_worker "$victim" training "$trainer" "$pause"
        kills_training=$((kills_training + 1))
      fi
      next=$((SECONDS + KILL_MIN + RANDOM % (KILL_MAX - KILL_MIN + 1)))
    fi
    sleep 2
  done
  log "$id settled: $line"
  case "$line" in
    *"[COMPLETED]"*" 0 failed"*) ;;
    *) echo "chaos: FAILED: sweep $id did not complete cleanly: $line" >&2; exit 1 ;;
  esac
}

# compare REF_DIR CHAOS_DIR ID_REF ID_CHAOS EXPECTED
compare() {
  local ref=$1 got=$2 expected=$5
  local ref_hashes got_hashes
  ref_hashes="$(cd "$ref/trainings" && find . -name '*.json' | sort)"
  got_hashes="$(cd "$got/trainings" && find . -name '*.json' | sort)"
  local count
  count=$(echo "$got_hashes" | grep -c . || true)
  if [ "$count" != "$expected" ] || [ "$ref_hashes" != "$got_hashes" ]; then
    echo "chaos: FAILED: stored $count trainings, expected the reference's $expected:" >&2
    diff <(echo "$ref_hashes") <(echo "$got_hashes") >&2 || true
    exit 1
  fi
  if ! diff -u "$ref/reports/$3/table1.csv" "$got/reports/$4/table1.csv" >&2; then
    echo "chaos: FAILED: Table 1 differs from the undisturbed run's" >&2
    exit 1
  fi
  log "stored trainings: $count, each once, the same content hashes as the undisturbed run"
  log "Table 1 equals the undisturbed run's ($got/reports/$4/table1.csv)"
}

# resumes_report LOG...: retried trainings that resumed from a checkpoint and the epochs skipped
resumes_report() {
  local resumes skipped
  resumes=$(cat "$@" 2>/dev/null | grep -c "resumes after epoch" || true)
  # no resume at all is a valid outcome (kills between trainings): grep's "no match" is not an error
  skipped=$(cat "$@" 2>/dev/null | { grep -o "resumes after epoch [0-9]*" || true; } | awk '{s+=$4} END {print s+0}')
  echo "$resumes $skipped"
}

start_server
start_worker orchestration orchestration

# --- synthetic: undisturbed reference, then the same sweep under chaos -----------------------
props="[volume, density, efermi, total_magnetization, formation_energy_per_atom]"
seeds="[0, 1, 2, 3, 4]"
expected=60 # 1 target x 2 representations x 5 seeds x (1 shared baseline + 5 properties)
trainer=synthetic pause=0
start_worker train1 training synthetic 0
start_worker train2 training synthetic 0
log "reference sweep: $expected synthetic trainings of $EPOCHS epochs, undisturbed"
./tomo sweep start --spec "$(spec reference "$work/reference" "$EPOCHS" "$props" "$seeds" 40)" \
  --temporal "$addr" --wait >"$work/reference.out"
stop_worker train1
stop_worker train2

pause=$PAUSE_MS
start_worker train1 training synthetic "$pause"
start_worker train2 training synthetic "$pause"
log "chaos sweep: the same $expected trainings, ${PAUSE_MS} ms per epoch, a kill every ${KILL_MIN}-${KILL_MAX} s"
t0=$SECONDS
run_chaos chaos "$(spec chaos "$work/chaos" "$EPOCHS" "$props" "$seeds" 40)"
chaos_seconds=$((SECONDS - t0))
compare "$work/reference" "$work/chaos" reference chaos "$expected"
read -r resumes skipped < <(resumes_report "$work"/train*.log)
# the trainings' own log lines from the chaos phase only: the reference had no kills
log "kills survived: $kills_training training worker(s), $kills_server server, $kills_orchestration orchestration worker, in ${chaos_seconds} s"
log "retried trainings resumed from a checkpoint: $resumes; epochs they did not redo: $skipped"

# --- real CGCNN trainings under the same kills --------------------------------------------------
if [ "$REAL" = 1 ]; then
  stop_worker train1
  stop_worker train2
  : >"$work/real-train1.log"
  trainer=cgcnn pause=0
  start_worker train1 training cgcnn 0
  start_worker train2 training cgcnn 0
  real_props="[volume]"
  real_seeds="[0]"
  real_expected=4
  log "real reference: $real_expected CGCNN trainings (300 materials, 10 epochs), undisturbed"
  ./tomo sweep start --spec "$(spec real-reference "$work/real-reference" 10 "$real_props" "$real_seeds" 300)" \
    --temporal "$addr" --wait >"$work/real-reference.out"
  kills_training=0 kills_server=1 kills_orchestration=1 # server and orchestration: once, above
  # real trainings are short here: kill often enough to hit them mid-training
  KILL_MIN=5 KILL_MAX=12
  log "real chaos: the same trainings, a training worker killed every ${KILL_MIN}-${KILL_MAX} s"
  run_chaos real-chaos "$(spec real-chaos "$work/real-chaos" 10 "$real_props" "$real_seeds" 300)"
  # CGCNN on several threads differs from run to run in the 7th digit (README): same trainings,
  # and the table compared with the digits it prints
  ref_hashes="$(cd "$work/real-reference/trainings" && find . -name '*.json' | sort)"
  got_hashes="$(cd "$work/real-chaos/trainings" && find . -name '*.json' | sort)"
  if [ "$ref_hashes" != "$got_hashes" ]; then
    echo "chaos: FAILED: the real sweep stored other trainings than its reference" >&2
    exit 1
  fi
  log "real: stored $real_expected trainings, each once, the same content hashes; kills survived: $kills_training"
fi
log "PASSED ($mode)"
