"""The GPU-side Arctic-TILT server: an OpenAI-compatible chat API (``docs/tilt-contract.md``) over an engine.

``create_app(engine)`` builds the app; ``vllm_engine.VllmTiltEngine`` is the real engine (GPU image only),
``fake_engine.FakeEngine`` a rule-based stand-in. Run with ``python -m apps.tilt_server --help``.
"""

from apps.tilt_server.app import ServerConfig, create_app
from apps.tilt_server.engine import Answer, Engine, FieldQuestion, TiltDocument, TiltPage

__all__ = ["create_app", "ServerConfig", "Engine", "Answer", "FieldQuestion", "TiltDocument", "TiltPage"]
