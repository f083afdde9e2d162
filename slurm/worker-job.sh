#!/usr/bin/env bash
# The body of tomo's SLURM worker jobs (training-worker*.sbatch, orchestration-worker.sbatch):
#   worker-job.sh QUEUE [tomo worker options...]
# Finds the Temporal server (TOMO_TEMPORAL=HOST:PORT, else the address file temporal-server.sbatch
# writes to $TOMO_SLURM_DIR), runs `tomo worker --queue QUEUE` and turns SLURM's signals into
# tomo's graceful stop:
#   USR1 (the job's `--signal=B:USR1@N`, N seconds before its walltime): the worker stops polling,
#        each running training finishes its epoch and checkpoints, the worker exits, and the job
#        requeues itself (`scontrol requeue`); SLURM starts it again once a node is free (a requeued
#        job waits about 2 minutes before it is eligible).
#   TERM (scancel, preemption, the walltime itself): the same graceful stop, no requeue.
# A training stopped this way is not reported to Temporal: the server misses its heartbeats (the
# spec's heartbeatSeconds), retries it on any training worker, and that worker resumes it from the
# checkpoint of its last finished epoch (the stored training records resumedFromEpoch).
set -uo pipefail
queue=${1:?usage: worker-job.sh training|orchestration [tomo worker options]}
shift
home=${TOMO_HOME:-${SLURM_SUBMIT_DIR:-$(pwd)}}
state=${TOMO_SLURM_DIR:-$HOME/.tomo/slurm}
say() { echo "tomo-slurm $(date -u +%H:%M:%S) job ${SLURM_JOB_ID:-?}: $*"; }

if [ ! -x "$home/tomo" ]; then
  say "no tomo launcher in $home (submit from the repository, or set TOMO_HOME)" >&2
  exit 1
fi
address=${TOMO_TEMPORAL:-}
if [ -z "$address" ]; then
  # the server job may start after this one: wait for the address it writes
  waited=0
  while [ ! -s "$state/temporal-address" ]; do
    if [ "$waited" -ge "${TOMO_SERVER_WAIT_SECONDS:-1800}" ]; then
      say "no Temporal address in $state/temporal-address after ${waited} s (start slurm/temporal-server.sbatch, or set TOMO_TEMPORAL)" >&2
      exit 1
    fi
    sleep 5
    waited=$((waited + 5))
  done
  address=$(cat "$state/temporal-address")
fi

# a training's epoch must end within the --signal lead time (600 s in these jobs), less a margin
if [ "$queue" = training ] && [[ " $* " != *" --shutdown-seconds"* ]]; then
  set -- --shutdown-seconds 480 "$@"
fi
say "tomo worker --queue $queue on ${SLURMD_NODENAME:-$(hostname)}, Temporal at $address (restart ${SLURM_RESTART_COUNT:-0})"
"$home/tomo" worker --queue "$queue" --temporal "$address" "$@" &
worker=$!
requeue=0 stopped=0
trap 'say "walltime near (USR1): stopping the worker at the next checkpoint of each training, then requeue"; requeue=1 stopped=1; kill -TERM "$worker" 2>/dev/null' USR1
trap 'say "TERM: stopping the worker at the next checkpoint of each training"; stopped=1; kill -TERM "$worker" 2>/dev/null' TERM
# `wait` returns early when a trapped signal arrives: wait again until the worker has exited
while true; do
  wait "$worker"
  rc=$?
  kill -0 "$worker" 2>/dev/null || break
done
# a JVM stopped by SIGTERM exits 143 once its shutdown hook (the graceful stop) has run
[ "$stopped" = 1 ] && [ "$rc" = 143 ] && rc=0
say "worker exited ($rc)"
if [ "$requeue" = 1 ] && [ -n "${SLURM_JOB_ID:-}" ]; then
  say "requeue"
  scontrol requeue "$SLURM_JOB_ID"
fi
exit "$rc"
