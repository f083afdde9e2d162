"""Integration-test DAG: two tasks that succeed and echo the run's conf."""

import pendulum
from airflow.sdk import dag, get_current_context, task


@dag(
    dag_id="tomo_test_ok",
    schedule=None,
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    # a task process that dies before it starts (seen on a loaded machine) is tried again
    default_args={"retries": 2, "retry_delay": pendulum.duration(seconds=2)},
    tags=["tomo-test"],
)
def tomo_test_ok():
    @task
    def read_conf() -> str:
        conf = get_current_context()["dag_run"].conf or {}
        return str(conf.get("sweep_id", ""))

    @task
    def report(sweep_id: str) -> None:
        print(f"sweep {sweep_id}")

    report(read_conf())


tomo_test_ok()
