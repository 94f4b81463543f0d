"""Batch export: many briefings into bundles, in parallel, incremental and crash-safe.

`inputs` finds the briefings (folders, globs, JSONL, stdin), `fingerprint` says when a
bundle is unchanged, `ledger` records each outcome on disk as it happens, `pool` runs
tasks on local worker processes or a Dask cluster, `worker` renders one bundle through
`sharecard.pipeline`, and `run` drives it all (`run_batch`).
"""
