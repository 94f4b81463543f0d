"""The HTTP rendering service (`sharecard serve`): an ASGI app over the top-level API.

Modules, each with one job: `limits` (the configurable caps and their checks), `signing`
(HMAC of og:image URLs), `og` (an og:image query as a briefing), `jobs` (what a worker
process runs), `pool` (worker processes, time limit, bounded queue), `metrics`
(Prometheus), `errors` (JSON error bodies), `app` (routes), `protocol` (slow-client
guard for uvicorn), `server` (running it) and `commands` (the click commands).

Importing this package is cheap: FastAPI and uvicorn load only with `app`/`server`.
"""
