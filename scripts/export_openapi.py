"""Write the API's OpenAPI schema to docs/openapi.json (``--check``: exit 1 when the file is stale).

    .venv/bin/python scripts/export_openapi.py           # re-export after changing routes or schemas
    .venv/bin/python scripts/export_openapi.py --check   # what tests/test_api_docs.py runs
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.api_gpu.main import create_app  # noqa: E402
from lib.settings import PROJECT_ROOT, Settings  # noqa: E402

OUT = PROJECT_ROOT / "docs" / "openapi.json"


def render() -> str:
    """The schema as the running service serves it at /openapi.json (no engines are built for this)."""
    return json.dumps(create_app(Settings()).openapi(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 when docs/openapi.json differs")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(PROJECT_ROOT)} is stale: run .venv/bin/python scripts/export_openapi.py",
                  file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
