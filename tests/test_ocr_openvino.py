"""The recognizer on OpenVINO (``lib.ocr.openvino_rec``): when it is chosen, and that it reads what onnxruntime
reads. No timings here (docs/benchmarks.md, "Recognizer in bfloat16", has them)."""

from __future__ import annotations

import difflib
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from lib.ocr.openvino_rec import OpenVinoSession, cpu_has_bf16, rec_runtime_of, resolve_rec_runtime
from lib.ocr_cache import ocr_fingerprint
from lib.render import decode_image
from lib.settings import PROJECT_ROOT, Settings

SAMPLES = PROJECT_ROOT / "samples"


@pytest.mark.parametrize(("flags", "expected"), [
    ("fpu sse avx2 avx512f amx_bf16 amx_tile amx_int8", True),  # Sapphire Rapids and later
    ("fpu sse avx2 avx512f avx512_bf16", True),  # Cooper Lake, Zen 4
    ("fpu sse avx2 avx512f avx512_vnni", False),  # Ice Lake, Cascade Lake
    ("fpu sse avx2", False),
])
def test_bf16_is_read_from_the_cpu_flags(tmp_path, flags, expected):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\nmodel name\t: test\nflags\t\t: {flags}\n\n")
    assert cpu_has_bf16(cpuinfo) is expected
    assert cpu_has_bf16(tmp_path / "missing") is False


@pytest.mark.parametrize(("requested", "stages", "bf16", "ov", "runtime", "warned"), [
    ("auto", True, True, True, "openvino-bf16", False),
    ("auto", True, False, True, "onnxruntime", False),  # emulated bfloat16 would be slower: never chosen
    ("auto", True, True, False, "onnxruntime", False),  # openvino not installed
    ("auto", False, True, True, "onnxruntime", False),  # PaddleX's own pipeline runs onnxruntime only
    ("onnxruntime", True, True, True, "onnxruntime", False),
    ("openvino-f32", True, False, True, "openvino-f32", False),
    ("openvino-bf16", True, False, True, "openvino-bf16", True),  # honoured, with a warning
    ("openvino-bf16", True, True, False, "onnxruntime", True),
    ("openvino-f32", False, True, True, "onnxruntime", True),
])
def test_the_runtime_follows_the_setting_and_the_machine(requested, stages, bf16, ov, runtime, warned):
    got, warnings = resolve_rec_runtime(requested, stages=stages, has_bf16=bf16, openvino_ok=ov)
    assert got == runtime
    assert bool(warnings) is warned


def test_each_runtime_has_its_own_ocr_cache_key():
    keys = {ocr_fingerprint(Settings(ocr_rec_runtime=r), "det", "rec")  # type: ignore[arg-type]
            for r in ("onnxruntime", "openvino-f32", "openvino-bf16")}
    assert len(keys) == 3
    # the onnxruntime recognizer adds nothing to the key (the stages' page turning adds its own part)
    assert ocr_fingerprint(Settings(ocr_rec_runtime="onnxruntime", ocr_auto_rotate=False), "det", "rec") == \
        ocr_fingerprint(Settings(ocr_stages=False), "det", "rec")
    assert rec_runtime_of(Settings(ocr_stages=False, ocr_rec_runtime="openvino-f32")) == "onnxruntime"


@pytest.fixture(scope="module")
def pools():
    from lib.ocr_engine import build_engine_pool

    common = {"ocr_lang": "en", "ocr_concurrency": 1, "omp_num_threads": 2}
    return {runtime: build_engine_pool(Settings(ocr_rec_runtime=runtime, **common))  # type: ignore[arg-type]
            for runtime in ("onnxruntime", "openvino-f32", "openvino-bf16")}


def _text(page) -> list[str]:
    return [span.text for span in page.spans]


def test_the_pool_reports_its_runtime_in_the_model_version(pools):
    assert pools["onnxruntime"].model_version == "PP-OCRv6_small_det+PP-OCRv6_small_rec"
    assert pools["openvino-bf16"].model_version == "PP-OCRv6_small_det+PP-OCRv6_small_rec@bf16"
    assert pools["openvino-f32"].rec_runtime == "openvino-f32"
    assert isinstance(pools["openvino-bf16"].engines.queue[0].stages.rec_session, OpenVinoSession)
    config = pools["openvino-bf16"].engines.queue[0].stages.rec_session.config
    assert config["CPU_RUNTIME_CACHE_CAPACITY"] == Settings().ocr_rec_shape_cache == 32  # the measured default


def test_openvino_reads_the_samples_as_onnxruntime_does(pools):
    images = [decode_image((SAMPLES / name).read_bytes(), max_pixels=60_000_000)
              for name in ("receipt_eur.png", "receipt_usd.jpg", "receipt_myr.png")]
    reference = [_text(pools["onnxruntime"].recognize(image)) for image in images]
    assert all(len(lines) > 10 for lines in reference)
    # float32: the same arithmetic up to rounding, so the same lines
    assert [_text(pools["openvino-f32"].recognize(image)) for image in images] == reference
    # bfloat16: the same boxes (the detector is unchanged) and nearly the same characters
    for image, lines in zip(images, reference, strict=True):
        bf16 = _text(pools["openvino-bf16"].recognize(image))
        assert len(bf16) == len(lines)
        similarity = difflib.SequenceMatcher(None, "\n".join(bf16), "\n".join(lines)).ratio()
        assert similarity >= 0.98, (similarity, [(a, b) for a, b in zip(bf16, lines, strict=True) if a != b])


def test_recognizer_batches_run_side_by_side_on_their_own_requests(pools):
    """Two threads at once on one compiled recognizer (as ``OCR_REC_WORKERS`` does) get each its own answer."""
    session = pools["openvino-f32"].engines.queue[0].stages.rec_session
    rng = np.random.default_rng(1)
    batches = [rng.random((6, 3, 48, w), dtype=np.float32) for w in (320, 480, 320, 640)]
    name = session.get_inputs()[0].name
    alone = [session.run(None, {name: x})[0] for x in batches]
    with ThreadPoolExecutor(2) as workers:
        together = list(workers.map(lambda x: session.run(None, {name: x})[0], batches))
    for a, b in zip(alone, together, strict=True):
        assert a.shape == b.shape and np.allclose(a, b, atol=1e-5)
    assert len(session._idle) == 2  # one request per batch that ran at once, kept for the next page
    assert session.release_memory()  # nothing running: OpenVINO's buffers freed
    assert np.allclose(session.run(None, {name: batches[0]})[0], alone[0], atol=1e-5)  # and made again on need


def test_the_machine_here_is_described():
    """What /v1/health will say on this machine: the default follows the CPU's flags."""
    assert rec_runtime_of(Settings()) == ("openvino-bf16" if cpu_has_bf16() else "onnxruntime")


def test_the_kernel_cache_bound_is_set_unless_the_user_set_one(monkeypatch):
    model = PROJECT_ROOT / ".models" / "PP-OCRv6_small_rec" / "inference.onnx"
    monkeypatch.delenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", raising=False)
    OpenVinoSession(model, threads=1, streams=1, precision="f32", kernel_cache=7)
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == "7"
    monkeypatch.setenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "99")
    OpenVinoSession(model, threads=1, streams=1, precision="f32", kernel_cache=7)
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == "99"


def test_engines_sharing_the_recognizer_get_a_stream_each(pools):
    """Two engines (explicit OCR_CONCURRENCY=2 × 1 thread) share one compiled recognizer: one stream per batch
    they can run at once, and two pages at once read as one at a time."""
    from lib.ocr_engine import build_engine_pool

    pool = build_engine_pool(Settings(ocr_lang="en", ocr_concurrency=2, omp_num_threads=1,  # type: ignore[arg-type]
                                      ocr_rec_runtime="openvino-f32"))
    sessions = {id(engine.stages.rec_session) for engine in pool.engines.queue}
    assert pool.size == 2 and len(sessions) == 1
    session = pool.engines.queue[0].stages.rec_session
    assert int(session.compiled.get_property("NUM_STREAMS")) == 2
    images = [decode_image((SAMPLES / name).read_bytes(), max_pixels=60_000_000)
              for name in ("receipt_eur.png", "receipt_myr.png")]
    alone = [_text(pools["openvino-f32"].recognize(image)) for image in images]
    with ThreadPoolExecutor(2) as clients:
        assert [_text(page) for page in clients.map(pool.recognize, images)] == alone


def test_the_best_path_is_the_argmax_of_the_probabilities(pools):
    """``run_best_path`` (read on OpenVINO's buffer) equals PaddleX's argmax/max over ``run``'s copy."""
    session = pools["openvino-bf16"].engines.queue[0].stages.rec_session
    x = np.random.default_rng(2).random((6, 3, 48, 480), dtype=np.float32)
    probs = session.run(None, {session.get_inputs()[0].name: x})[0]
    steps, best = session.run_best_path(x)
    assert steps.shape == best.shape == probs.shape[:2]
    assert np.array_equal(steps, probs.argmax(axis=-1)) and np.array_equal(best, probs.max(axis=-1))


class _SlowCompiled:
    """Stands in for an OpenVINO compiled model: each request's ``infer`` records how many run at once."""

    def __init__(self) -> None:
        import threading

        self.lock, self.now, self.seen = threading.Lock(), 0, []
        self.outputs = ["out"]

    def create_infer_request(self):
        compiled = self

        class Request:
            def infer(self, feeds, share_outputs=True):
                import time

                with compiled.lock:
                    compiled.now += 1
                    compiled.seen.append(compiled.now)
                time.sleep(0.05)
                with compiled.lock:
                    compiled.now -= 1
                return {"out": feeds[0]}

        return Request()


def test_the_first_batch_runs_alone_then_batches_run_side_by_side():
    """OpenVINO's binding deadlocked when two threads ran a fresh model's first batch at once (a static
    initialized without the GIL): the first batch runs alone, later ones side by side as before."""
    import threading

    session = OpenVinoSession.__new__(OpenVinoSession)
    session.compiled, session._outputs = _SlowCompiled(), ["out"]
    session._idle, session._lock, session._running = [], threading.Lock(), 0
    session._first_call, session._warm = threading.Lock(), False
    x = np.zeros((1, 3, 48, 320), dtype=np.float32)
    with ThreadPoolExecutor(2) as workers:
        list(workers.map(lambda _: session.run_best_path(x), range(2)))
    assert session.compiled.seen[:2] == [1, 1]  # the first two calls, started together, ran one after the other
    with ThreadPoolExecutor(2) as workers:
        barrier = threading.Barrier(2)
        list(workers.map(lambda _: (barrier.wait(), session.run_best_path(x)), range(2)))
    assert max(session.compiled.seen[2:]) == 2  # once warm, two batches at once


def test_the_shape_cache_reaches_openvino_and_a_reading_does_not_depend_on_what_ran_before():
    """``OCR_REC_SHAPE_CACHE``: OpenVINO keeps prepared executors for that many input shapes (layers of one shape
    share them within a batch, recurring line widths across batches). A line reads the same whether its batch's
    shape was prepared before or afresh after other widths pushed it out, so the answer cache and the OCR cache
    stay true."""
    model = PROJECT_ROOT / ".models" / "PP-OCRv6_small_rec" / "inference.onnx"
    session = OpenVinoSession(model, threads=1, streams=1, precision="bf16" if cpu_has_bf16() else "f32",
                              shape_cache=4)
    assert session.config["CPU_RUNTIME_CACHE_CAPACITY"] == 4
    rng = np.random.default_rng(3)
    x = rng.random((6, 3, 48, 400), dtype=np.float32)
    first = session.run_best_path(x)
    again = session.run_best_path(x)  # its shape prepared before
    for width in (320, 352, 480, 512, 640, 720):  # more shapes than the cache keeps: x's is pushed out
        session.run_best_path(rng.random((6, 3, 48, width), dtype=np.float32))
    afresh = session.run_best_path(x)
    for got in (again, afresh):
        assert np.array_equal(got[0], first[0]) and np.array_equal(got[1], first[1])
    off = OpenVinoSession(model, threads=1, streams=1, precision="f32")
    assert off.config["CPU_RUNTIME_CACHE_CAPACITY"] == 0  # the constructor's default: none
