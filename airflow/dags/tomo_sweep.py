"""Start a tomo sweep from Airflow and wait for it to finish.

The sweep spec comes from the DAG params (edit it in the "Trigger DAG" form or pass it as the run's
conf); the DAG writes it to a file, starts the sweep on the Temporal service with the `tomo` CLI and
waits until the sweep is done. A failed sweep fails the `wait_for_sweep` task, and clearing that task
waits again (the sweep itself is durable in Temporal: Airflow only watches it).

Settings (Airflow Variables, all optional):
  tomo_command     path of the tomo launcher            (default: "tomo" on PATH)
  tomo_temporal    Temporal frontend host:port          (default: "127.0.0.1:7233")
  tomo_spec_dir    where the spec files are written     (default: the system temp dir)
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import tempfile

import pendulum
from airflow.sdk import Param, Variable, dag, get_current_context, task

DEFAULT_SPEC = {
    "name": "airflow-example",
    "targets": ["band_gap", "formation_energy_per_atom"],
    "properties": ["density", "volume", "spacegroup.crystal_system"],
    "representations": ["structure", "composition"],
    "seeds": [1, 2],
    "sample": 1000,
    "sampleSeed": 0,
    "hyper": {"epochs": 5},
}


def _tomo() -> list[str]:
    return shlex.split(Variable.get("tomo_command", default="tomo"))


def _temporal() -> str:
    return Variable.get("tomo_temporal", default="127.0.0.1:7233")


def _run(args: list[str]) -> str:
    """Runs a tomo command, streaming its output into the task log; fails the task on error."""
    print("$ " + " ".join(shlex.quote(a) for a in args), flush=True)
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    print(proc.stdout, flush=True)
    if proc.returncode != 0:
        print(proc.stderr, flush=True)
        raise RuntimeError(f"{args[0]} exited with {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return proc.stdout


@dag(
    dag_id="tomo_sweep",
    schedule=None,
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=4,
    tags=["tomo"],
    params={
        "spec": Param(DEFAULT_SPEC, type="object", description="tomo sweep spec (JSON)"),
        "sweep_id": Param(
            "",
            type="string",
            description="Sweep id; empty = derived from the DAG run id. Starting an existing id attaches to it.",
        ),
    },
)
def tomo_sweep():
    @task
    def write_spec() -> dict:
        ctx = get_current_context()
        params = ctx["params"]
        sweep_id = params["sweep_id"] or "airflow-" + "".join(
            c if c.isalnum() or c in "-_" else "-" for c in ctx["run_id"]
        )
        spec_dir = Variable.get("tomo_spec_dir", default=tempfile.gettempdir())
        os.makedirs(spec_dir, exist_ok=True)
        path = os.path.join(spec_dir, f"{sweep_id}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(params["spec"], f, indent=2)
        return {"sweep_id": sweep_id, "spec_file": path}

    @task
    def start_sweep(sweep: dict) -> dict:
        # idempotent: a retried task attaches to the sweep it already started
        _run(
            _tomo()
            + [
                "sweep",
                "start",
                "--spec",
                sweep["spec_file"],
                "--id",
                sweep["sweep_id"],
                "--temporal",
                _temporal(),
            ]
        )
        return sweep

    @task(retries=2, retry_delay=pendulum.duration(minutes=1))
    def wait_for_sweep(sweep: dict) -> str:
        # starting an existing sweep id attaches to it; --wait shows progress until every cell
        # has ended and exits 2 when cells failed, which fails this task
        return _run(
            _tomo()
            + [
                "sweep",
                "start",
                "--spec",
                sweep["spec_file"],
                "--id",
                sweep["sweep_id"],
                "--wait",
                "--temporal",
                _temporal(),
            ]
        )

    wait_for_sweep(start_sweep(write_spec()))


tomo_sweep()
