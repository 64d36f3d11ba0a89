"""Prometheus metrics, served at ``/metrics`` to a scraper holding ``METRICS_TOKEN``.

- ``tulta_request_duration_seconds{view,method}``: time to answer, per named view;
- ``tulta_requests_total{view,method,status}``;
- ``tulta_request_db_seconds{view}`` and ``tulta_db_queries_total{view}``: database time and
  queries spent by each request (timed around every query of the request's connection);
- ``tulta_task_queue_depth`` and ``tulta_task_queue_oldest_age_seconds``: the database queue,
  read when scraped (the queue is shared, so every node reports the same figure);
- ``tulta_reminders_sent_total{kind}``: notices created by ``send_reminders``.

gunicorn runs several worker processes and a scrape reaches one of them. With
``PROMETHEUS_MULTIPROC_DIR`` set (an empty directory per machine, shared by gunicorn's workers
and the ``send_reminders`` cron job) each process writes its figures there and ``/metrics``
adds them all up; without it each process reports only its own (right for ``runserver``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector

from .health import task_queue_state, uses_database_queue

# Pages answer in tens of milliseconds; documents take seconds.
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUEST_LATENCY = Histogram(
    "tulta_request_duration_seconds",
    "Time to answer a request, per view",
    ["view", "method"],
    buckets=LATENCY_BUCKETS,
)
REQUESTS = Counter("tulta_requests", "Requests answered", ["view", "method", "status"])
REQUEST_DB_TIME = Histogram(
    "tulta_request_db_seconds",
    "Database time spent by a request, per view",
    ["view"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
DB_QUERIES = Counter("tulta_db_queries", "Database queries run by requests", ["view"])
REMINDERS_SENT = Counter(
    "tulta_reminders_sent", "Reminder notices created by send_reminders", ["kind"]
)


class TaskQueueCollector(Collector):
    """The database queue's depth and the age of its oldest task, read at scrape time."""

    def collect(self) -> Iterator[Metric]:
        if not uses_database_queue():
            return
        state = task_queue_state()
        yield GaugeMetricFamily(
            "tulta_task_queue_depth", "Tasks waiting in the queue", value=state.depth
        )
        yield GaugeMetricFamily(
            "tulta_task_queue_oldest_age_seconds",
            "How long the oldest waiting task has waited (0 when none waits)",
            value=state.oldest_age or 0.0,
        )


def exposition() -> bytes:
    """The metrics in Prometheus' text format: every process's (multiprocess mode) or this
    one's, and the queue."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    registry.register(TaskQueueCollector())
    return generate_latest(registry)
