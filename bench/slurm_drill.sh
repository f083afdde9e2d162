#!/usr/bin/env bash
# SLURM drill: tomo's job scripts (slurm/) on a real one-node SLURM, with a job cancelled and a job
# sent to its walltime in the middle of real CGCNN trainings.
#
#   bench/slurm_drill.sh        installs Debian's slurm-wlm and munge if missing (and the Temporal
#                               CLI, .ci/install-temporal.sh), then runs the drill; exit 0 = all held
#
# munged, slurmctld and slurmd run from a temporary directory (config, keys, state, logs), bound to
# 127.0.0.1, one node of 2 CPUs (proctrack/linuxproc, task/none; jobs run as root and share the
# CPUs). sbatch starts the Temporal dev server (slurm/temporal-server.sbatch), an orchestration
# worker and two training workers A and B (slurm/training-worker.sbatch, one training at a time
# each, one intra-op thread). A tiny real sweep (band_gap, + volume, + density; structure; seed 0:
# 3 trainings of EPOCHS epochs on SAMPLE random materials) runs once undisturbed, then again into a
# fresh artifact directory, where:
#   - A is scancelled once it has finished an epoch of a training (graceful stop at the next
#     checkpoint), and submitted again;
#   - B's walltime is cut short (scontrol update TimeLimit) once it has finished an epoch: SLURM
#     sends its --signal USR1 at its next time-limit check (they run every 30 s, so EPOCHS is sized
#     for a training to outlast one), the worker stops at a checkpoint and the job requeues itself;
#     the drill lets the requeued job start at once instead of after SLURM's 2-minute requeue hold.
#     Where the signal still comes after B's last training, B stops idle and requeues all the same
#     (the drill waits for it and says so).
# Asserts: the sweep completes with no failure; it stored exactly the undisturbed run's trainings,
# one file each; every training a stopped worker left behind resumed from its checkpoint (stored
# resumedFromEpoch > 0); Table 1 equals the undisturbed run's; B was requeued by its own job.
# Waits on conditions only, with a global timeout (DRILL_TIMEOUT seconds); every daemon and job
# process it started is stopped by pid on exit. KEEP=1 keeps the logs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
EPOCHS=${DRILL_EPOCHS:-40}
SAMPLE=${DRILL_SAMPLE:-300}
deadline=$((SECONDS + ${DRILL_TIMEOUT:-1500}))
t_start=$SECONDS

log() { echo "slurm-drill $(date -u +%H:%M:%S): $*"; }
fail() {
  echo "slurm-drill: FAILED: $*" >&2
  exit 1
}

# --- what a fresh machine lacks ----------------------------------------------------------------
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  log "installing slurm-wlm and munge (apt)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
# the server: the Temporal CLI's dev server (installed if missing); DRILL_SERVER=tomo: `tomo server`
server_kind=${DRILL_SERVER:-dev}
temporal_cli="$(command -v temporal || true)"
[ -z "$temporal_cli" ] && [ -x "$HOME/go/bin/temporal" ] && temporal_cli="$HOME/go/bin/temporal"
if [ "$server_kind" = dev ] && [ -z "$temporal_cli" ]; then
  .ci/install-temporal.sh
  temporal_cli="$(go env GOPATH)/bin/temporal"
fi
dataset="${TOMO_DATASET:-$repo/../shared/datasets/mp2020-36k/materials_project.csv.gz}"
[ -f "$dataset" ] || fail "dataset $dataset not found (set TOMO_DATASET)"
./tomo --version >/dev/null # builds the CLI once, before anything is timed

work="$(mktemp -d "${TMPDIR:-/tmp}/tomo-slurm.XXXXXX")"
chmod 755 "$work" # munged wants the path to its socket searchable by all
mkdir -p "$work/munge" "$work/ctld" "$work/slurmd" "$work/log" "$work/jobs" "$work/state"
chmod 700 "$work/munge"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
declare -A pid=()
export SLURM_CONF="$work/slurm.conf"

# jobs first (by the pids slurmd knows for them), then the daemons, each by the pid it was started as
cleanup() {
  set +e
  if [ -n "${pid[slurmctld]:-}" ]; then
    local jobs job_pids
    jobs=$(squeue -h -o %A 2>/dev/null)
    job_pids=$(for j in $jobs; do scontrol listpids "$j" 2>/dev/null | awk 'NR>1 {print $1}'; done)
    scancel --full $jobs 2>/dev/null
    for p in $job_pids; do kill -9 "$p" 2>/dev/null; done
    local until=$((SECONDS + 20))
    while [ -n "$(squeue -h -t running,completing -o %A 2>/dev/null)" ] && [ "$SECONDS" -lt "$until" ]; do
      sleep 1
    done
  fi
  # a job's slurmstepd (it outlives slurmd when a job does not end): ours carry our SLURM_CONF
  local p
  for p in $(pgrep -x slurmstepd); do
    if tr '\0' '\n' 2>/dev/null <"/proc/$p/environ" | grep -qx "SLURM_CONF=$SLURM_CONF"; then
      kill -9 "$p" 2>/dev/null
    fi
  done
  for name in client slurmd slurmctld munged; do
    [ -n "${pid[$name]:-}" ] && kill -TERM "${pid[$name]}" 2>/dev/null
  done
  wait 2>/dev/null
  if [ "${KEEP:-0}" = 1 ]; then echo "slurm-drill: logs and artifacts kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# wait_for WHAT CMD...: polls CMD until it succeeds, failing at the drill's deadline
wait_for() {
  local what=$1
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "timed out waiting for $what (logs: KEEP=1)"
    sleep 1
  done
}

# --- SLURM on this machine -------------------------------------------------------------------
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 600 "$work/munge/munge.key"
munged -F -f --socket="$work/munge/socket" --key-file="$work/munge/munge.key" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/seed" \
  --log-file="$work/log/munged.log" >"$work/log/munged.out" 2>&1 &
pid[munged]=$!
wait_for "munged's socket" test -S "$work/munge/socket"

node=$(hostname -s)
cat >"$SLURM_CONF" <<EOF
ClusterName=tomodrill
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/socket
CredType=cred/munge
StateSaveLocation=$work/ctld
SlurmdSpoolDir=$work/slurmd
SlurmctldPidFile=$work/ctld/slurmctld.pid
SlurmdPidFile=$work/slurmd/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobRequeue=1
KillWait=60
MinJobAge=3600
NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$node CPUs=2 State=UNKNOWN
PartitionName=drill Nodes=$node Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
EOF
slurmctld -D -i >"$work/log/slurmctld.out" 2>&1 &
pid[slurmctld]=$!
slurmd -D >"$work/log/slurmd.out" 2>&1 &
pid[slurmd]=$!
node_idle() { sinfo -h -n "$node" -o %t 2>/dev/null | grep -qx idle; }
wait_for "the SLURM node" node_idle
log "SLURM up: munged ${pid[munged]}, slurmctld ${pid[slurmctld]}, slurmd ${pid[slurmd]} (node $node, 2 CPUs)"

# --- jobs ----------------------------------------------------------------------------------
job_state() { squeue -h -j "$1" -o %T 2>/dev/null || true; }
running() { [ "$(job_state "$1")" = RUNNING ]; }
gone() { local s; s=$(job_state "$1"); [ -z "$s" ] || [ "$s" = CANCELLED ] || [ "$s" = COMPLETED ]; }
submit() { # submit NAME [sbatch options] SCRIPT [script arguments]; prints the job id
  local name=$1
  shift
  sbatch --parsable --job-name="drill-$name" --output="$work/jobs/$name.out" --open-mode=append \
    --export=ALL,TOMO_HOME="$repo",TOMO_SLURM_DIR="$work/state",TOMO_JAVA_OPTS=-Xmx1g "$@"
}
tport=$(free_port)
server=$(TOMO_SERVER=$server_kind TEMPORAL_IP=127.0.0.1 TEMPORAL_HOST=127.0.0.1 TEMPORAL_PORT=$tport \
  TEMPORAL_HTTP_PORT=$(free_port) TEMPORAL_METRICS_PORT=$(free_port) TEMPORAL_CLI="$temporal_cli" \
  submit server --cpus-per-task=1 --mem=0 slurm/temporal-server.sbatch)
addr="127.0.0.1:$tport"
server_up() {
  if [ "$server_kind" = tomo ]; then
    grep -q "^tomo server: Temporal test server on" "$work/jobs/server.out" 2>/dev/null
  else
    "$temporal_cli" operator namespace describe --address "$addr" --namespace default >/dev/null 2>&1
  fi
}
wait_for "the Temporal server (job $server)" server_up
worker_args=(--metrics-port -1 --dataset "$dataset")
train_args=(--concurrency 1 --threads-per-training 1 --shutdown-seconds 45 --metrics-port -1)
if [ "$server_kind" = tomo ]; then
  worker_args+=(--sticky-off)
  train_args+=(--sticky-off)
fi
orch=$(submit orchestration --cpus-per-task=1 --mem=0 \
  slurm/orchestration-worker.sbatch "${worker_args[@]}")
submit_training() { # A or B; B's walltime warning is what the drill makes SLURM send
  submit "train$1" --cpus-per-task=1 --mem=0 --time=30 --signal=B:USR1@180 slurm/training-worker.sbatch "${train_args[@]}"
}
jobA=$(submit_training A)
jobB=$(submit_training B)
# a worker is up once it says so (it connected to the server)
worker_up() {
  grep -q "^tomo worker: queue $2" "$work/jobs/$1.out" 2>/dev/null && return 0
  if grep -q "worker exited" "$work/jobs/$1.out" 2>/dev/null; then
    fail "the $1 job's worker exited: $(tail -n 5 "$work/jobs/$1.out")"
  fi
  return 1
}
wait_for "the orchestration worker" worker_up orchestration orchestration
wait_for "training worker A" worker_up trainA training
wait_for "training worker B" worker_up trainB training
log "jobs: server $server, orchestration $orch, training A $jobA, training B $jobB (all running)"

spec() { # spec NAME ARTIFACT_DIR
  cat >"$work/$1.yaml" <<EOF
name: $1
dataset: $dataset
targets: [band_gap]
properties: [volume, density]
representations: [structure]
seeds: [0]
hyper: {epochs: $EPOCHS}
baseline: shared
nullControl: none   # a fault drill counts its trainings; the control cell is not what it checks
sample: $SAMPLE
sampleSeed: 0
artifactDir: $2
heartbeatSeconds: 15
retryWindowMinutes: 1
EOF
  echo "$work/$1.yaml"
}
status_line() { ./tomo sweep status "$1" --temporal "$addr" 2>/dev/null | head -1 || true; }

# --- undisturbed run ---------------------------------------------------------------------------
t0=$SECONDS
log "undisturbed sweep: 3 real CGCNN trainings, $EPOCHS epochs, $SAMPLE random materials"
./tomo sweep start --spec "$(spec reference "$work/reference")" --id reference --temporal "$addr" \
  --wait >"$work/reference.out" 2>&1 || fail "the undisturbed sweep failed: $(tail -3 "$work/reference.out")"
log "undisturbed sweep done in $((SECONDS - t0)) s"

# --- the same sweep, with a job cancelled and a job at its walltime ------------------------------
# epochs a job's worker finished since a line of its output: "Trainer - epoch N/E:"
lines() { wc -l <"$work/jobs/$1.out" 2>/dev/null || echo 0; }
epochs_since() { tail -n +"$(($2 + 1))" "$work/jobs/$1.out" 2>/dev/null | grep -c "Trainer - epoch " || true; }
fromA=$(lines trainA) fromB=$(lines trainB)
t0=$SECONDS
# one client waits for the sweep (a status call per loop would start a JVM per loop)
./tomo sweep start --spec "$(spec drill "$work/drill")" --id drill --temporal "$addr" --wait \
  >"$work/drill.out" 2>&1 &
pid[client]=$!
cancelled=0 walltime=0 requeued=0 resubmitted=0 cut_at=0
disturb() { # one look at the jobs: cancel A, submit it again, cut B's walltime, release B's requeue
  if [ "$cancelled" = 0 ] && [ "$(epochs_since trainA "$fromA")" -ge 1 ]; then
    log "scancel training job A ($jobA) mid-training"
    scancel "$jobA"
    cancelled=1
  fi
  if [ "$cancelled" = 1 ] && [ "$resubmitted" = 0 ] && gone "$jobA"; then
    jobA=$(submit_training A)
    log "training job A submitted again: $jobA"
    resubmitted=1
  fi
  if [ "$walltime" = 0 ] && [ "$(epochs_since trainB "$fromB")" -ge 1 ]; then
    # the walltime now 2-3 minutes away, within the 180 s of --signal=B:USR1@180: SLURM sends
    # USR1 at its next time-limit check (every 30 s), leaving the worker 2 minutes to stop
    elapsed=$(squeue -h -j "$jobB" -o %M)
    minutes=$(echo "$elapsed" | awk -F: '{if (NF==3) print $1*60+$2; else print $1+0}')
    log "training job B ($jobB) mid-training, ran $elapsed: walltime cut to $((minutes + 3)) min"
    scontrol update JobId="$jobB" TimeLimit=$((minutes + 3))
    walltime=1 cut_at=$SECONDS
  fi
  if [ "$walltime" = 1 ] && [ "$requeued" = 0 ] && [ "$(job_state "$jobB")" = PENDING ]; then
    # requeued by its own job script; give back its walltime and skip SLURM's requeue hold
    log "training job B requeued itself ($(grep -c ': requeue$' "$work/jobs/trainB.out") time(s)) $((SECONDS - cut_at)) s after the cut: release it now"
    scontrol update JobId="$jobB" TimeLimit=30
    scontrol update JobId="$jobB" StartTime=now
    requeued=1
  fi
}
while kill -0 "${pid[client]}" 2>/dev/null; do
  [ "$SECONDS" -lt "$deadline" ] || fail "timed out: the drill sweep did not settle ($(tail -1 "$work/drill.out"))"
  disturb
  sleep 1
done
client_rc=0
wait "${pid[client]}" || client_rc=$?
unset "pid[client]"
line=$(status_line drill)
log "drill sweep settled in $((SECONDS - t0)) s: $line"
case "$line" in
  *"[COMPLETED]"*" 0 failed"*) [ "$client_rc" = 0 ] || fail "sweep start --wait exited $client_rc" ;;
  *) fail "the drill sweep did not complete cleanly: $line" ;;
esac
[ "$cancelled" = 1 ] || fail "job A never started a training in the drill sweep"
[ "$walltime" = 1 ] || fail "job B never started a training in the drill sweep"
# SLURM's time-limit check runs every 30 s, so B's USR1 may come after the sweep's last training
# (a fast machine, short trainings): B's worker then stops idle and its job requeues all the same
until [ "$requeued" = 1 ]; do
  [ $((SECONDS - cut_at)) -lt 150 ] || fail "job B was not requeued by its walltime warning ($((SECONDS - cut_at)) s after the cut)"
  disturb
  sleep 1
done
grep -q "walltime near (USR1)" "$work/jobs/trainB.out" || fail "job B never got its walltime signal"
stoppedB=$(tail -n +"$((fromB + 1))" "$work/jobs/trainB.out" | grep -o "[^ ]*: stopped after epoch [0-9]*" | head -1 || true)
if [ -n "$stoppedB" ]; then
  log "job B's walltime signal came mid-training: $stoppedB"
else
  log "job B's walltime signal came after its last training (B idle); only A's stop was mid-training"
fi

# --- what the drill asserts ----------------------------------------------------------------------
ref_hashes="$(cd "$work/reference/trainings" && find . -name '*.json' | sort)"
got_hashes="$(cd "$work/drill/trainings" && find . -name '*.json' | sort)"
count=$(echo "$got_hashes" | grep -c . || true)
if [ "$count" != 3 ] || [ "$ref_hashes" != "$got_hashes" ]; then
  diff <(echo "$ref_hashes") <(echo "$got_hashes") >&2 || true
  fail "stored $count trainings, expected the undisturbed run's 3"
fi
log "stored trainings: 3, each once, the same content hashes as the undisturbed run"
# trainings stopped at a checkpoint by a worker's graceful stop ("CELL: stopped after epoch N")
stopped=$(cat "$work"/jobs/train*.out | sed -n 's/.*INFO.* \([^ ]*\): stopped after epoch \([0-9]*\) (checkpoint written).*/\1 \2/p' | sort -u)
[ -n "$stopped" ] || fail "no training was stopped mid-training (see $work/jobs)"
echo "$stopped" | python3 -c '
import glob, json, sys
stopped = [l.split() for l in sys.stdin if l.strip()]
stored = {}
for f in glob.glob(sys.argv[1] + "/trainings/*/*.json"):
    t = json.load(open(f))
    r = t["request"]
    label = "/".join([r["target"], r["property"] or "-", r["representation"], str(r["seed"])])
    stored[label] = int(t["provenance"].get("resumedFromEpoch", 0))
bad = 0
for cell, epoch in stopped:
    got = stored.get(cell)
    print(f"slurm-drill: {cell} stopped after epoch {epoch}; stored training resumed from epoch {got}")
    if not got or got < 1:
        bad += 1
sys.exit(1 if bad else 0)
' "$work/drill" || fail "a stopped training did not resume from its checkpoint"
if ! diff -u "$work/reference/reports/reference/table1.csv" "$work/drill/reports/drill/table1.csv" >&2; then
  fail "Table 1 differs from the undisturbed run's"
fi
log "Table 1 equals the undisturbed run's"
log "PASSED in $((SECONDS - t_start)) s (job A cancelled and resubmitted, job B requeued at its walltime)"
