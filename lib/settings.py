"""The one typed settings object. Nothing else in the project reads ``os.environ``."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "PROJECT_ROOT"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Service configuration, read from environment variables (names are the upper-case field names)."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    # --- API ---
    api_host: str = "0.0.0.0"
    api_port: int = Field(8000, validation_alias=AliasChoices("api_port", "port"),
                          description="also read from PORT (RunPod's name); API_PORT wins when both are set")
    max_upload_mb: float = Field(20, gt=0)
    allowed_content_types: str = "application/pdf,image/jpeg,image/png"
    request_timeout_s: float = Field(120, gt=0)
    # hardening (issue 14): a body that trickles in must not hold a connection forever
    upload_timeout_s: float = Field(120, gt=0, description="the whole request body must arrive within this, "
                                    "else 408")
    api_keys: SecretStr = Field(
        SecretStr(""), description="comma-separated; when set, /v1/extract* need 'Authorization: Bearer <key>'"
    )
    batch_max_files: int = Field(20, ge=1)
    batch_max_mb: float = Field(50, gt=0)
    cache_max_entries: int = Field(512, ge=0)
    cache_max_mb: float = Field(64, ge=0)
    log_json: bool = False
    log_level: str = "INFO"

    # --- start-up and health probes (RunPod) ---
    port_health: int | None = Field(None, ge=1, le=65535, description="also serve GET /ping on this port "
                                    "(RunPod's PORT_HEALTH); unset or equal to the API port: the API port only")
    startup_retry_after_s: int = Field(5, ge=1, description="Retry-After of the 503 'starting' answers")
    fetch_timeout_s: float = Field(30, gt=0, description="RunPod queue worker: the whole download of an "
                                   "input {\"url\"} must end within this (size capped by MAX_UPLOAD_MB)")

    # --- ingest / render ---
    max_pdf_pages: int = Field(10, ge=1)
    pdf_dpi: int = Field(200, ge=50, le=600)
    max_image_pixels: int = Field(60_000_000, ge=1_000_000, description="decompression-bomb guard, per image/page")
    max_document_pixels: int = Field(120_000_000, ge=1_000_000, description="all rendered pages of one PDF "
                                     "together (~3 bytes a pixel in memory)")

    # --- OCR ---
    ocr_lang: str = Field("auto", description="auto: each page checked for Cyrillic (free on Latin pages); en/other "
                          "Latin languages: Latin only; ru/uk/...: every page read as Cyrillic")
    ocr_device: str = "cpu"
    ocr_concurrency: int | None = Field(None, ge=1, description="OCR engines; unset = derived from the CPUs")
    omp_num_threads: int | None = Field(None, ge=1, description="intra-op threads per engine; unset = derived")
    ocr_engine: Literal["onnxruntime", "paddle"] = "onnxruntime"
    ocr_model_source: Literal["auto", "local", "hub"] = "auto"
    ocr_model_dir: Path = PROJECT_ROOT / ".models"
    ocr_det_model: str = "PP-OCRv6_small_det"
    ocr_rec_model: str = "PP-OCRv6_small_rec"
    ocr_max_side_px: int = Field(4000, ge=640)
    ocr_queue_max: int = Field(16, ge=0, description="pages that may wait for an OCR slot before 429")
    ocr_warmup: bool = True
    ocr_mem_arena: bool = Field(False, description="onnxruntime's CPU arena: a little faster, but RSS grows with "
                                "every new image size")
    ocr_arena_per_run: bool = Field(True, description="OCR_STAGES with OCR_MEM_ARENA=false: onnxruntime's arena "
                                    "within each run, handed back at its end (a page's detection reuses its own "
                                    "memory instead of faulting it in afresh: ~14 % less time a page, same peak)")

    # --- OCR throughput: thread budget, det size, queue bounds (issue 11; docs/benchmarks.md) ---
    ocr_det_max_megapixels: float = Field(2.5, ge=0, description="detection input capped at this many MP per page, "
                                          "keeping its aspect ratio; 0 = PaddleOCR's default (full size). 2.5: "
                                          "sroie-dev unchanged, 50-client peak RSS 1.26 -> 1.03 GB")
    ocr_crop_margins: bool = Field(False, description="detect text only inside the page's non-blank area")
    ocr_auto_rotate: bool = Field(True, description="OCR_STAGES: a page photographed sideways or upside down is "
                                  "turned and read again (decided from the text boxes' shapes and the "
                                  "recognizer's confidence, lib/ocr/orientation.py; free on upright pages)")
    ocr_det_passes: bool = Field(True, description="OCR_STAGES: run the detector in passes over row bands with "
                                 "the whole page's squeeze-excitation averages (parts cut at set-up, "
                                 "lib/ocr/det_passes.py): less working memory, the same lines; false = one "
                                 "whole-page run")
    ocr_det_band_megapixels: float = Field(0, ge=0, description="OCR_STAGES: detect a page whose detection input "
                                           "exceeds this many MP in overlapping horizontal bands; the detector's "
                                           "working memory follows its input (1.3: ~-0.2 GB on a 2.5 MP page), but "
                                           "noisy photos read a little differently; 0 = the whole page at once")
    ocr_det_band_overlap_px: int = Field(320, ge=32, description="how far detection bands overlap, in detector "
                                         "pixels (a text line taller than half of it may be cut)")
    ocr_rec_batch_size: int = Field(6, ge=1, description="text lines per recognizer call")
    ocr_spinning: bool = Field(False, description="onnxruntime worker threads busy-wait between ops (faster "
                               "alone, burns CPU under load)")
    ocr_queue_max_wait_s: float = Field(20, gt=0, description="refuse (429) a page whose expected queue wait "
                                        "exceeds this")
    ocr_queue_max_mb: float = Field(64, gt=0, description="bytes of pages waiting for OCR (compressed uploads "
                                    "and PDFs; pages already rendered, in TILT modes, at 3 bytes a pixel)")

    # --- memory under load (issue 11; docs/reliability.md) ---
    malloc_mmap_threshold_mb: float = Field(0, ge=0, description="glibc: blocks of at least this size get their "
                                            "own mapping, returned on free (OCR's large tensors: lower peak RSS, "
                                            "~10-20 % slower OCR); 0 = glibc's dynamic default")
    ocr_trim_idle_s: float = Field(1.0, ge=0, description="hand the heap's freed memory back to the OS once the "
                                   "OCR has been idle this long (0 = never when idle)")
    ocr_trim_every_pages: int = Field(32, ge=0, description="also trim after every N pages under steady load (a "
                                      "trim costs the next page ~9 % of its OCR time in page faults; 1 = after "
                                      "every page, lowest RSS; 0 = only when idle)")

    # --- OCR speed: detection and recognition scheduled by us (issue 11, OCR speed; docs/benchmarks.md) ---
    ocr_stages: bool = Field(True, description="run detection and recognition ourselves on PaddleX's own pre/post-"
                             "processing (same text): recognizer batches in parallel on one-thread sessions; "
                             "false = PaddleX's pipeline.predict")
    ocr_rec_workers: int | None = Field(None, ge=1, description="recognizer batches run at once per engine, one "
                                        "thread each (never more threads than the engine's); unset = its threads")
    ocr_pages_per_engine: int | None = Field(None, ge=1, description="pages one engine works on at once, on its "
                                             "own threads (OCR_STAGES only); unset = 1")

    # --- OCR speed: recognizer line width (issue 11, rec-width; docs/benchmarks.md) ---
    ocr_rec_min_width_px: int | None = Field(None, ge=8, le=3200, description="recognizer lines padded to at least "
                                             "this width (px at height 48; OCR_STAGES only); unset = PaddleX's 320")

    # --- OCR speed: the recognizer in bfloat16 on OpenVINO (issue 11; docs/benchmarks.md) ---
    ocr_rec_runtime: Literal["auto", "onnxruntime", "openvino-bf16", "openvino-f32"] = Field(
        "auto", description="where the text recognizer runs (OCR_STAGES only): auto = OpenVINO in bfloat16 on CPUs "
        "with native bfloat16 (AMX, AVX512-BF16; ~0.7 of the OCR time per page, same sroie-dev accuracy), "
        "onnxruntime elsewhere")
    ocr_rec_kernel_cache: int = Field(32, ge=0, description="OpenVINO recognizer: compiled kernels kept (oneDNN's "
                                      "primitive cache, default 1024; every new line width adds some): 32 keeps RSS "
                                      "~150 MB lower for ~5-10 % of recognizer time (docs/benchmarks.md)")
    ocr_rec_shape_cache: int = Field(32, ge=0, description="OpenVINO recognizer: input shapes whose prepared "
                                     "executors are kept (its CPU_RUNTIME_CACHE_CAPACITY): 32 reads a scan in "
                                     "~0.9 of the time for ~50-90 MB more RSS; 0 = every shape prepared afresh "
                                     "(docs/benchmarks.md)")
    ocr_rec_width_step_px: int = Field(0, ge=0, le=512, description="recognizer batches padded (blank, on the "
                                       "right) to a multiple of this width, so that few input shapes recur and "
                                       "OCR_REC_SHAPE_CACHE holds them; 0 = as PaddleX pads (OCR_STAGES only)")

    # --- OCR: Cyrillic (issue 10) ---
    tessdata_dir: Path | None = Field(None, description="folder with the Tesseract traineddata; default: the "
                                      "project's .models/tessdata if it has them, else the system folder")
    tesseract_lang: str = Field("rus+ukr+srp+kaz+bel+eng", description="Tesseract languages for Cyrillic lines "
                                "(Russian, Ukrainian, Serbian, Kazakh, Belarusian letters; 'eng' for Latin words); "
                                "the ones installed are used when some are missing, rus+eng at least")

    # --- KIE ---
    kie_backend: Literal["local", "tilt", "auto"] = "local"
    rules_enabled: bool = True

    # --- GPU side (Arctic-TILT server) ---
    vllm_base_url: str = "http://127.0.0.1:8001/v1"
    vllm_api_key: SecretStr = SecretStr("")
    tilt_model: str = "Snowflake/snowflake-arctic-tilt-v1.3"
    vllm_port: int = 8001
    vllm_gpu_util: float = Field(0.8, gt=0, le=1)
    # Read by scripts/entrypoint.sh for the TILT server it starts (--max-model-len); None = the model's 125k tokens.
    vllm_max_model_len: int | None = Field(None, gt=0, description="token budget per document for the TILT server "
                                           "(empty = the model's max_seq_length, which needs a large KV cache)")
    vllm_connect_timeout_s: float = Field(2.0, gt=0)
    vllm_read_timeout_s: float = Field(40.0, gt=0, description="above the TILT server's queue (10 s) + request "
                                       "(25 s) budgets, so the client does not retry work the server still does")
    vllm_write_timeout_s: float = Field(10.0, gt=0)
    vllm_pool_timeout_s: float = Field(5.0, gt=0)
    vllm_max_connections: int = Field(32, ge=1)
    vllm_max_keepalive_connections: int = Field(16, ge=0)
    vllm_keepalive_expiry_s: float = Field(30.0, ge=0)
    tilt_max_attempts: int = Field(3, ge=1, description="tries per document, retrying 502/503/504/conn errors")
    tilt_backoff_initial_s: float = Field(0.2, ge=0)
    tilt_backoff_max_s: float = Field(2.0, ge=0)
    tilt_deadline_s: float = Field(60.0, gt=0, description="budget for all attempts together")
    tilt_breaker_failure_threshold: int = Field(5, ge=1)
    tilt_breaker_reset_timeout_s: float = Field(30.0, gt=0, description="cool-down before the breaker half-opens")
    tilt_health_timeout_s: float = Field(2.0, gt=0)
    tilt_health_interval_s: float = Field(5.0, gt=0, description="background health check of the GPU side")
    tilt_max_pages: int = Field(20, ge=1)
    tilt_max_words: int = Field(10_000, ge=1)

    # --- async jobs (/v1/jobs), workers and the shared answer cache ---
    redis_url: SecretStr = Field(SecretStr(""), description="redis://host:port/db; unset: jobs run in the API "
                                 "process (a restart loses unfinished jobs); set: workers (python -m apps.worker) "
                                 "take them from Redis")
    redis_timeout_s: float = Field(2.0, gt=0, description="connect and command timeout for Redis")
    job_ttl_s: int = Field(86_400, ge=60, description="jobs, their uploads and results expire after this")
    job_max_files: int = Field(500, ge=1, description="files in one POST /v1/jobs")
    job_max_mb: float = Field(500, gt=0, description="all files of one POST /v1/jobs together")
    job_item_max_tries: int = Field(3, ge=1, description="tries per file for transient failures (timeouts, "
                                    "overload, a worker that died); corrupt or encrypted files are never retried")
    job_retry_backoff_s: float = Field(2.0, ge=0, description="wait before the first retry of a file; doubles")
    job_item_timeout_s: float = Field(300, gt=0, description="longest one file may run on a worker (then it is "
                                      "retried, and after JOB_ITEM_MAX_TRIES an error)")
    job_visibility_timeout_s: float = Field(30, ge=2, description="a file whose worker stopped sending heartbeats "
                                            "(killed, machine lost) is taken up by another worker after this")
    job_poll_delay_s: float = Field(0.02, gt=0, description="how often an idle worker looks for work")
    worker_concurrency: int = Field(0, ge=0, description="files one worker runs at once; 0: OCR_CONCURRENCY")
    worker_heartbeat_s: float = Field(5.0, gt=0, description="how often a worker says it is alive (/v1/health)")
    webhook_secret: SecretStr = Field(SecretStr(""), description="HMAC-SHA256 key for webhook signatures; unset: "
                                      "webhooks are sent unsigned")
    webhook_allow_private: bool = Field(False, description="allow callback URLs on loopback/private/link-local "
                                        "addresses (tests, a receiver on the same network)")
    webhook_timeout_s: float = Field(10.0, gt=0, description="one webhook attempt (connect, send, answer) "
                                     "must end within this")
    webhook_max_attempts: int = Field(6, ge=1)
    webhook_backoff_s: float = Field(1.0, ge=0, description="wait before the first webhook retry; doubles")
    cache_backend: Literal["memory", "redis"] = Field("memory", description="where the answer cache lives; redis "
                                                      "(needs REDIS_URL) is shared by API replicas and workers")

    @field_validator("vllm_max_model_len", "port_health", "ocr_concurrency", "omp_num_threads",
                     "ocr_rec_workers", "ocr_pages_per_engine", "ocr_rec_min_width_px", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        """``VLLM_MAX_MODEL_LEN=``/``PORT_HEALTH=`` (as in the example env) mean unset, as for the entrypoint;
        ``OCR_CONCURRENCY=``/``OMP_NUM_THREADS=`` mean: derive them from the machine."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("ocr_model_dir")
    @classmethod
    def _relative_to_project(cls, value: Path) -> Path:
        """A relative OCR_MODEL_DIR means the project's folder, wherever the service is started from."""
        return value if value.is_absolute() else PROJECT_ROOT / value

    @field_validator("tessdata_dir", mode="before")
    @classmethod
    def _tessdata_relative_to_project(cls, value: object) -> object:
        """Empty = the default search; a relative path means the project's folder."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        path = Path(value)  # type: ignore[arg-type]
        return path if path.is_absolute() else PROJECT_ROOT / path

    @field_validator("allowed_content_types")
    @classmethod
    def _known_types(cls, value: str) -> str:
        known = {"application/pdf", "image/jpeg", "image/png"}
        types = {t.strip() for t in value.split(",") if t.strip()}
        unknown = types - known
        if unknown or not types:
            raise ValueError(f"ALLOWED_CONTENT_TYPES may only name {sorted(known)}, got {sorted(unknown) or 'nothing'}")
        return ",".join(sorted(types))

    @property
    def allowed_types(self) -> frozenset[str]:
        return frozenset(self.allowed_content_types.split(","))

    @property
    def api_key_set(self) -> frozenset[str]:
        return frozenset(k.strip() for k in self.api_keys.get_secret_value().split(",") if k.strip())

    @model_validator(mode="after")
    def _redis_for_shared_cache(self) -> Settings:
        if self.cache_backend == "redis" and not self.redis_url.get_secret_value():
            raise ValueError("CACHE_BACKEND=redis needs REDIS_URL")
        return self

    @property
    def worker_slots(self) -> int:
        """Files one worker runs at once: WORKER_CONCURRENCY, else one per OCR engine (derived when unset)."""
        if self.worker_concurrency:
            return self.worker_concurrency
        from lib.ocr.cpu_budget import available_cpus, plan_threads

        return plan_threads(available_cpus(), engines=self.ocr_concurrency, threads=self.omp_num_threads).engines

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)
