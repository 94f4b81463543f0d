"""Servers shared by the service tests: started once per session, stopped at the end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from service.serverkit import Server, start_server

SIGNING_KEY = "test-signing-key-not-secret"


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Default limits, two render workers, no signing key."""
    running = start_server(tmp_path_factory.mktemp("server"), ["--workers", "2"])
    yield running
    running.stop()


@pytest.fixture(scope="session")
def signed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One worker, og.png URLs must be signed with SIGNING_KEY."""
    running = start_server(tmp_path_factory.mktemp("signed"), ["--workers", "1"],
                           env={"SHARECARD_SIGNING_KEY": SIGNING_KEY})
    yield running
    running.stop()
