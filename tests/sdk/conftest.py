"""Fixtures for the client-layer tests: a fake vendor on loopback, recorded sleeps, a dropping server."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from customers_sdk import RetryPolicy
from tests.sdk.fake_vendor import FakeVendor
from tests.sdk.sleeps import Sleeps
from tests.support.servers import serve_in_thread


@pytest.fixture
def sleeps() -> Sleeps:
    """A fresh sleep recorder."""
    return Sleeps()


@pytest.fixture
def policy(sleeps: Sleeps) -> RetryPolicy:
    """The default retry policy, with sleeps recorded instead of slept."""
    return RetryPolicy(sleep=sleeps.sleep, async_sleep=sleeps.async_sleep)


@pytest.fixture(scope="session")
def _fake_server() -> Iterator[tuple[FakeVendor, str]]:
    vendor = FakeVendor()
    with serve_in_thread(vendor.app) as url:
        yield vendor, url


@pytest.fixture
def fake(_fake_server: tuple[FakeVendor, str]) -> tuple[FakeVendor, str]:
    """The fake vendor on loopback (reset: no requests, no scripts), and its base URL."""
    _fake_server[0].reset()
    return _fake_server


@pytest.fixture
def dropping_url() -> Iterator[tuple[str, list[int]]]:
    """A loopback server that reads each request and closes the connection without answering.

    Yields its base URL and a list that grows by one per connection it dropped.
    """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.05)  # accept() wakes up to notice the stop flag
    dropped: list[int] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:  # listener closed
                return
            with conn:
                conn.recv(65536)
                dropped.append(1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", dropped
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()
