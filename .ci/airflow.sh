#!/usr/bin/env bash
# A throw-away Airflow 3 for the integration tests: `airflow standalone` on 127.0.0.1, SQLite,
# the test DAGs of activities/src/test/resources/airflow-dags, no example DAGs.
#
#   .ci/airflow.sh install            create or reuse the venv (cached between runs)
#   .ci/airflow.sh start [STATE_DIR]  install if needed, start, wait until healthy; prints
#                                     TOMO_AIRFLOW_URL=… and TOMO_AIRFLOW_CREDENTIALS_FILE=… and
#                                     writes them to STATE_DIR/env (sourceable)
#   .ci/airflow.sh stop STATE_DIR     stop that instance and everything it started
#   .ci/airflow.sh check-dags         import airflow/dags and the test DAGs; fail on any error
#
# Environment: TOMO_AIRFLOW_VENV (default ~/.cache/tomo/airflow-venv), TOMO_AIRFLOW_VERSION,
# TOMO_AIRFLOW_START_TIMEOUT (seconds, default 480).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
VERSION="${TOMO_AIRFLOW_VERSION:-3.3.2}"
VENV="${TOMO_AIRFLOW_VENV:-$HOME/.cache/tomo/airflow-venv}"
DAGS="$REPO/activities/src/test/resources/airflow-dags"
START_TIMEOUT="${TOMO_AIRFLOW_START_TIMEOUT:-480}"

log() { echo "airflow.sh: $*" >&2; }

install() {
  if [ -x "$VENV/bin/airflow" ] && [ "$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("apache-airflow"))' 2>/dev/null)" = "$VERSION" ]; then
    log "reusing $VENV (apache-airflow $VERSION)"
    return
  fi
  local t0=$SECONDS
  log "installing apache-airflow $VERSION into $VENV"
  rm -rf "$VENV"
  mkdir -p "$(dirname "$VENV")"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q "apache-airflow==$VERSION"
  log "installed in $((SECONDS - t0)) s"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  install
  local state="${1:-}"
  if [ -z "$state" ]; then state="$(mktemp -d -t tomo-airflow.XXXXXX)"; fi
  mkdir -p "$state/home"
  state="$(cd "$state" && pwd)"
  if [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
    log "already running (pid $(cat "$state/pid"))"
    cat "$state/env"
    return
  fi
  local port; port="$(free_port)"
  local url="http://127.0.0.1:$port"
  local passwords="$state/passwords.json"
  # the password is ours, written before start: Airflow keeps users already in this file
  (umask 077; python3 -c 'import json,secrets,sys; print(json.dumps({"tomo": secrets.token_urlsafe(18)}))' > "$passwords")

  # standalone starts its components as `airflow …` from PATH
  export PATH="$VENV/bin:$PATH"
  export AIRFLOW_HOME="$state/home"
  export AIRFLOW__CORE__DAGS_FOLDER="$DAGS"
  export AIRFLOW__CORE__LOAD_EXAMPLES=False
  export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS="tomo:admin"
  export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE="$passwords"
  export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="$url/execution/"
  export AIRFLOW__CORE__PARALLELISM=4
  export AIRFLOW__API__HOST=127.0.0.1
  export AIRFLOW__API__PORT="$port"
  export AIRFLOW__API__WORKERS=1
  export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="sqlite:///$state/home/airflow.db"
  # find new DAG files quickly and poll less: two shared cores
  export AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=5
  export AIRFLOW__SCHEDULER__SCHEDULER_IDLE_SLEEP_TIME=1
  # a busy machine answers slowly: task processes wait longer for the API server before giving up
  export AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT=60
  export AIRFLOW__WORKERS__EXECUTION_API_RETRIES=10
  export AIRFLOW__WORKERS__MAX_FAILED_HEARTBEATS=10

  local t0=$SECONDS
  log "starting airflow standalone on $url (home $AIRFLOW_HOME, log $state/airflow.log)"
  setsid "$VENV/bin/airflow" standalone > "$state/airflow.log" 2>&1 < /dev/null &
  echo $! > "$state/pid"

  local healthy=""
  while [ $((SECONDS - t0)) -lt "$START_TIMEOUT" ]; do
    if ! kill -0 "$(cat "$state/pid")" 2>/dev/null; then
      log "airflow exited during start; last lines of $state/airflow.log:"
      tail -40 "$state/airflow.log" >&2
      exit 1
    fi
    if curl -fsS "$url/api/v2/monitor/health" 2>/dev/null | python3 -c '
import json, sys
h = json.load(sys.stdin)
ok = all(h.get(k, {}).get("status") == "healthy" for k in ("metadatabase", "scheduler", "dag_processor", "triggerer"))
sys.exit(0 if ok else 1)' 2>/dev/null; then
      healthy=yes
      break
    fi
    sleep 2
  done
  if [ -z "$healthy" ]; then
    log "not healthy after $START_TIMEOUT s; stopping; last lines of $state/airflow.log:"
    tail -40 "$state/airflow.log" >&2
    stop "$state"
    exit 1
  fi
  log "healthy after $((SECONDS - t0)) s"
  {
    echo "TOMO_AIRFLOW_URL=$url"
    echo "TOMO_AIRFLOW_CREDENTIALS_FILE=$passwords"
    echo "TOMO_AIRFLOW_STATE=$state"
  } > "$state/env"
  cat "$state/env"
}

stop() {
  local state="${1:?usage: airflow.sh stop STATE_DIR}"
  [ -f "$state/pid" ] || { log "nothing to stop in $state"; return; }
  local pid; pid="$(cat "$state/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    # standalone shuts its components down on SIGINT; the process group catches stragglers
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -TERM -- "-$pid" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$state/pid"
  log "stopped (pid $pid)"
}

check_dags() {
  install
  local home; home="$(mktemp -d -t tomo-airflow-check.XXXXXX)"
  AIRFLOW_HOME="$home" AIRFLOW__CORE__LOAD_EXAMPLES=False "$VENV/bin/python" - "$REPO/airflow/dags" "$DAGS" <<'PY'
import sys
from airflow.dag_processing.dagbag import DagBag

failed = False
for folder in sys.argv[1:]:
    bag = DagBag(dag_folder=folder)
    for path, err in bag.import_errors.items():
        print(f"{path}: {err}", file=sys.stderr)
        failed = True
    print(f"{folder}: {sorted(bag.dag_ids)}")
sys.exit(1 if failed else 0)
PY
  local rc=$?
  rm -rf "$home"
  return $rc
}

case "${1:-}" in
  install) install ;;
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  check-dags) check_dags ;;
  *) echo "usage: $0 install | start [STATE_DIR] | stop STATE_DIR | check-dags" >&2; exit 2 ;;
esac
