"""Async jobs: the interface (``base``), the in-process backend (``memory``), the Redis backend on arq
(``redis_backend``, ``worker``) and signed webhooks (``webhook``)."""

from lib.jobs.base import ItemInput, JobBackend, JobView, QueueStats, TransientItemError

__all__ = ["ItemInput", "JobBackend", "JobView", "QueueStats", "TransientItemError"]
