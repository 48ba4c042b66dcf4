from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from lib.settings import PROJECT_ROOT, Settings


def test_example_env_lists_every_setting():
    text = (PROJECT_ROOT / "configs" / "settings.example.env").read_text()
    listed = set(re.findall(r"^([A-Z0-9_]+)=", text, flags=re.MULTILINE))
    assert listed == {name.upper() for name in Settings.model_fields}


def test_design_defaults():
    s = Settings()
    assert (s.max_upload_mb, s.ocr_concurrency, s.ocr_lang, s.kie_backend) == (20, None, "auto", "local")
    assert s.allowed_types == frozenset({"application/pdf", "image/jpeg", "image/png"})


def test_environment_is_read(monkeypatch):
    monkeypatch.setenv("MAX_UPLOAD_MB", "5")
    monkeypatch.setenv("KIE_BACKEND", "auto")
    monkeypatch.setenv("API_KEYS", "a, b")
    s = Settings()
    assert s.max_upload_bytes == 5 * 1024 * 1024 and s.kie_backend == "auto"
    assert s.api_key_set == frozenset({"a", "b"})


@pytest.mark.parametrize(
    "bad", [{"allowed_content_types": "image/gif"}, {"kie_backend": "gpu"}, {"ocr_concurrency": 0}]
)
def test_bad_config_is_refused_at_startup(bad):
    with pytest.raises(ValidationError):
        Settings(**bad)


@pytest.mark.parametrize(("raw", "expected"), [("", None), ("  ", None), ("32768", 32768)])
def test_empty_vllm_max_model_len_means_unset(raw, expected):
    assert Settings(vllm_max_model_len=raw).vllm_max_model_len == expected


def test_port_is_an_alias_of_api_port(monkeypatch):
    monkeypatch.delenv("API_PORT", raising=False)
    monkeypatch.setenv("PORT", "9100")
    monkeypatch.setenv("PORT_HEALTH", "")
    assert (Settings().api_port, Settings().port_health) == (9100, None)
    monkeypatch.setenv("API_PORT", "9200")  # the explicit name wins
    monkeypatch.setenv("PORT_HEALTH", "9300")
    assert (Settings().api_port, Settings().port_health) == (9200, 9300)
    assert Settings(api_port=9400).api_port == 9400
