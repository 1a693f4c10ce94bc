"""Fixtures for the Python end-to-end tests (helpers live in nano_e2e.py).

`server`: a fresh `heliosdb-nano start --memory` per test; `shared_server`: one
per module. Both are started with the ready descriptor and stopped with SIGTERM.
"""
import pytest

from nano_e2e import start_server


@pytest.fixture
def server():
    s = start_server()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def shared_server():
    s = start_server(["--max-connections", "300"])
    yield s
    s.stop()
