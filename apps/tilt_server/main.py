"""Command line for the TILT server: ``python -m apps.tilt_server --port 8001 --model … --gpu-util 0.8``.

This entry point is the only place that reads the environment (``VLLM_API_KEY``, shared with the API side so
both ends use one variable). Logging goes to stderr; uvicorn's keep-alive (75 s) is longer than the API
client's (30 s) so the client never reuses a connection the server is about to close.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Sequence

__all__ = ["build_parser", "main"]

DEFAULT_MODEL = "Snowflake/snowflake-arctic-tilt-v1.3"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m apps.tilt_server", description=__doc__)
    p.add_argument("--host", default="127.0.0.1", help="bind address (0.0.0.0 to serve other hosts)")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--model", default=DEFAULT_MODEL, help="HF id or local path of the weights")
    p.add_argument("--gpu-util", type=float, default=0.8, help="gpu_memory_utilization (0..1]")
    p.add_argument(
        "--max-model-len",
        type=int,
        default=None,
        help="token budget per document (lower on small GPUs); unset or 0 = the model's max_seq_length",
    )
    p.add_argument("--max-num-seqs", type=int, default=16)
    p.add_argument("--preprocess-workers", type=int, default=2)
    p.add_argument("--download-dir", default=None, help="HF cache dir for the weights")
    p.add_argument("--engine", choices=("vllm", "fake"), default="vllm", help="fake: rule-based, no GPU (smoke runs)")
    p.add_argument("--max-concurrent-requests", type=int, default=8)
    p.add_argument("--queue-timeout-s", type=float, default=10.0)
    p.add_argument("--request-timeout-s", type=float, default=25.0)
    p.add_argument("--max-pages", type=int, default=250, help="capped at the model's image_limit at start-up")
    p.add_argument("--log-level", default="info")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    import uvicorn

    from apps.tilt_server.app import ServerConfig, create_app
    from apps.tilt_server.engine import Engine

    engine: Engine
    if args.engine == "fake":
        from apps.tilt_server.fake_engine import FakeEngine

        engine = FakeEngine(model_id=args.model)
    else:
        from apps.tilt_server.vllm_engine import VllmTiltEngine

        engine = VllmTiltEngine(
            model=args.model,
            gpu_memory_utilization=args.gpu_util,
            max_model_len=args.max_model_len or None,
            max_num_seqs=args.max_num_seqs,
            preprocess_workers=args.preprocess_workers,
            download_dir=args.download_dir,
        )
    config = ServerConfig(
        api_key=os.environ.get("VLLM_API_KEY", ""),
        max_pages=args.max_pages,
        max_concurrent_requests=args.max_concurrent_requests,
        queue_timeout_s=args.queue_timeout_s,
        request_timeout_s=args.request_timeout_s,
    )
    app = create_app(engine, config)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, timeout_keep_alive=75)
    return 0
