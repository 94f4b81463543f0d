"""Prometheus metrics for ``GET /metrics``: requests, render time, queue, rejections.

`prometheus_client` writes the text exposition format; each app gets its own registry
(no process-global state, so tests can build several apps). Routes are labelled by
their template (``/v1/card``), never by the raw path, so a scanner cannot blow up the
number of series.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

# Renders take from ~50 ms (an og cover on a quiet core) to tens of seconds (a bundle).
RENDER_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
CONTENT_TYPE = CONTENT_TYPE_LATEST
# Refusals worth watching (load, limits, abuse), as opposed to a client's plain mistakes.
REJECTIONS = ("overloaded", "render-timeout", "request-timeout", "too-large", "too-much-text",
              "too-many-pixels", "too-many-images", "logo-too-large", "logo-too-many-pixels",
              "bad-signature", "unsupported-media-type", "bad-request", "worker-lost",
              "bad-size")


class Metrics:
    """The service's metrics in one registry."""

    def __init__(self, *, in_flight: Callable[[], float], queued: Callable[[], float],
                 restarts: Callable[[], float] = lambda: 0, workers: int) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "sharecard_requests", "HTTP requests answered, by route and status.",
            ("route", "method", "status"), registry=self.registry)
        self.render_seconds = Histogram(
            "sharecard_render_seconds", "Seconds a worker spent on one render, by endpoint.",
            ("endpoint",), buckets=RENDER_BUCKETS, registry=self.registry)
        self.rejections = Counter(
            "sharecard_rejections", "Requests refused before or instead of rendering, by "
            "reason (overloaded, timeout, too-large, bad-signature, …).",
            ("reason",), registry=self.registry)
        for reason in REJECTIONS:  # present from the start, so rates work from zero
            self.rejections.labels(reason)
        in_flight_gauge = Gauge(
            "sharecard_renders_in_flight", "Renders admitted: running or queued.",
            registry=self.registry)
        in_flight_gauge.set_function(in_flight)
        queue_gauge = Gauge(
            "sharecard_queue_depth", "Renders waiting for a free worker.",
            registry=self.registry)
        queue_gauge.set_function(queued)
        restarts_gauge = Gauge(
            "sharecard_pool_restarts", "Times the worker pool broke (a worker died while "
            "idle) and was started anew.", registry=self.registry)
        restarts_gauge.set_function(restarts)
        workers_gauge = Gauge(
            "sharecard_workers", "Render worker processes.", registry=self.registry)
        workers_gauge.set(workers)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
