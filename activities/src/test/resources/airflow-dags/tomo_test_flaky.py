"""Integration-test DAG whose task fails on its first try and succeeds once cleared.

The run's conf names a marker file: the task fails when the marker is absent (creating it), so the
first run fails and a clear of the failed task makes it pass.
"""

import os

import pendulum
from airflow.sdk import dag, get_current_context, task


@dag(
    dag_id="tomo_test_flaky",
    schedule=None,
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    default_args={"retries": 0},
    tags=["tomo-test"],
)
def tomo_test_flaky():
    @task
    def fail_once() -> None:
        marker = get_current_context()["dag_run"].conf["marker"]
        if not os.path.exists(marker):
            open(marker, "w").close()
            raise RuntimeError(f"first try fails on purpose (marker {marker} created)")

    fail_once()


tomo_test_flaky()
