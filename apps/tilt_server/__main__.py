"""``python -m apps.tilt_server``: see :mod:`apps.tilt_server.main`."""

from apps.tilt_server.main import main

if __name__ == "__main__":
    raise SystemExit(main())
