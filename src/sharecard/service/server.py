"""Run the service under uvicorn with the settings a public endpoint needs.

One uvicorn process serves HTTP (async, so slow clients cost no thread); the renders run
in the app's worker processes. uvicorn's own defaults and what is set here:

- ``timeout_keep_alive`` 5 s (uvicorn's default, kept): idle keep-alive connections close;
- request headers: uvicorn has no deadline and no real cap; `protocol.GuardedProtocol`
  adds both (`Limits.header_timeout`, 10 s: 408; `Limits.max_header_bytes`, 64 KiB:
  414/431) and answers every protocol-level error in the service's JSON;
- ``limit_concurrency``: uvicorn's default is none; left so, because it counts open
  connections, so slow clients holding connections would turn it into a 503 for everyone
  — admission is the render pool's bounded queue instead;
- ``server_header`` off (no version banner); ``proxy_headers`` only for the addresses
  given with ``--forwarded-allow-ips`` (uvicorn trusts 127.0.0.1 by default).
"""

from __future__ import annotations

import logging

import uvicorn

from sharecard.service.app import ServiceConfig, create_app
from sharecard.service.protocol import guarded_protocol

KEEP_ALIVE_SECONDS = 5


def run(config: ServiceConfig, *, host: str = "127.0.0.1", port: int = 8080,
        forwarded_allow_ips: str | None = None, log_level: str = "info",
        access_log: bool = True) -> None:
    """Serve until interrupted (SIGINT/SIGTERM shut down gracefully)."""
    logging.basicConfig(level=log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(
        app,
        host=host,
        port=port,
        http=guarded_protocol(config.limits.header_timeout, config.limits.max_header_bytes),
        h11_max_incomplete_event_size=config.limits.max_header_bytes,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        timeout_graceful_shutdown=max(10, int(config.limits.render_timeout) + 5),
        server_header=False,
        proxy_headers=forwarded_allow_ips is not None,
        forwarded_allow_ips=forwarded_allow_ips,
        log_level=log_level,
        access_log=access_log,
        lifespan="on",
    ))
    server.run()
