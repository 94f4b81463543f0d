"""The same batch on Dask's distributed scheduler: a LocalCluster of two worker processes
renders the same bundles, byte for byte, as local worker processes."""

from __future__ import annotations

import pytest
from distributed import LocalCluster

from export.batchkit import FAST, batch, check_bundles, index, stray, tree, write_briefings


def test_the_dask_path_renders_the_same_bundles_as_local_processes(tmp_path):
    inputs = tmp_path / "in"
    write_briefings(inputs, 6, seed=31)
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert batch(str(inputs), "-o", str(local), *FAST, "-j", "2").exit_code == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        run = batch(str(inputs), "-o", str(remote), *FAST,
                    "--scheduler", cluster.scheduler_address)
        assert run.exit_code == 0, run.stderr
        assert "6 rendered, 0 unchanged, 0 failed" in run.text
        rerun = batch(str(inputs), "-o", str(remote), *FAST,
                      "--scheduler", cluster.scheduler_address)
        assert "0 rendered, 6 unchanged" in rerun.text
    assert check_bundles(remote) == 6
    assert tree(remote) == tree(local)
    assert [r["slug"] for r in index(remote)["bundles"]] == [
        r["slug"] for r in index(local)["bundles"]]
    assert stray(remote) == []


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    import dask

    write_briefings(tmp_path / "in", 1)
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        run = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                    "--scheduler", "tcp://127.0.0.1:9")
    assert run.exit_code == 2
    assert len(run.stderr.splitlines()) == 1 and "cannot reach the Dask scheduler" in run.stderr


@pytest.mark.parametrize(("address", "problem"), [
    ("bogus://x", "unknown scheme 'bogus' (use tcp://, tls://, ws://, wss://)"),
    ("tcp://", "no host (use tcp://HOST:8786)"),
    ("tcp://:8786", "no host (use tcp://HOST:8786)"),
    ("tcp://host:99999", "the port must be a number from 1 to 65535"),
    ("tcp://host:port", "the port must be a number from 1 to 65535"),
    ("tcp://host:8786/path", "only scheme://host:port"),
])
def test_a_scheduler_address_is_checked_before_anything_starts(tmp_path, address, problem):
    write_briefings(tmp_path / "in", 1)
    run = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--scheduler", address)
    assert run.exit_code == 2
    assert run.stderr == f"sharecard: {address}: not a Dask scheduler address: {problem}\n"
    assert not (tmp_path / "out").exists()


def test_a_cluster_without_workers_ends_the_run_after_the_worker_timeout(tmp_path):
    """No worker ever joins: the progress says it is waiting, then the run ends with one
    line and exit 1 (it waited for ever before). The timeout is the cluster's state for
    that long, not the machine's speed: with no worker nothing can finish sooner."""

    write_briefings(tmp_path / "in", 2)
    with LocalCluster(n_workers=0, processes=True, dashboard_address=None) as cluster:
        run = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"), *FAST,
                    "--scheduler", cluster.scheduler_address, "--worker-timeout", "1")
    assert run.exit_code == 1
    assert run.stderr.splitlines() == [
        "batch: waiting for workers: the Dask cluster has none",
        f"sharecard: {cluster.scheduler_address}: no Dask worker for 1 s: start workers "
        f"(dask worker {cluster.scheduler_address}) or raise --worker-timeout",
    ]
    assert not (tmp_path / "out" / "index.json").exists()
