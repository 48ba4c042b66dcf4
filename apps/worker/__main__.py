"""``python -m apps.worker``: take job items from Redis and extract them; run as many as you like.

Configured by the same environment variables (one ``Settings``) as the API; needs REDIS_URL. Builds the
pipeline once, through the same builder as the API's lifespan, then runs an arq worker with WORKER_CONCURRENCY
(default OCR_CONCURRENCY) files at once. SIGTERM/SIGINT: running files are handed back to the queue (another
worker, or this one after a restart, takes them); SIGKILL: another worker takes them up after
JOB_VISIBILITY_TIMEOUT_S (the claim on a running file is renewed by the worker while it lives).
"""

from __future__ import annotations

import asyncio
import sys

from loguru import logger

from apps.api_gpu.embedded import EmbeddedService
from apps.api_gpu.jobs_service import make_processor, make_webhook_sender
from apps.api_gpu.logging_setup import configure_logging
from lib.jobs.worker import WorkerRuntime, new_worker_id, run_worker
from lib.settings import Settings

__all__ = ["main", "run"]


async def run(settings: Settings) -> None:
    async with EmbeddedService(settings) as service:  # the API's own builder: build_state / close_state
        webhooks = make_webhook_sender(settings)
        runtime = WorkerRuntime(worker_id=new_worker_id(), processor=make_processor(service.state),
                                webhooks=webhooks, ttl_s=settings.job_ttl_s, max_attempts=settings.job_item_max_tries,
                                backoff_s=settings.job_retry_backoff_s, item_timeout_s=settings.job_item_timeout_s,
                                visibility_timeout_s=settings.job_visibility_timeout_s)
        try:
            await run_worker(runtime, redis_url=settings.redis_url.get_secret_value(),
                             timeout_s=settings.redis_timeout_s, slots=settings.worker_slots,
                             poll_delay_s=settings.job_poll_delay_s, heartbeat_s=settings.worker_heartbeat_s)
        finally:
            logger.info("worker {} stopped after {} item(s)", runtime.worker_id, runtime.items_done)
            await webhooks.client.aclose()


def main() -> int:
    settings = Settings()
    configure_logging(settings)
    if not settings.redis_url.get_secret_value():
        logger.error("REDIS_URL is not set: workers take jobs from Redis (without it, the API runs jobs itself)")
        return 2
    asyncio.run(run(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
