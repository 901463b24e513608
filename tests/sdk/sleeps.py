"""A stand-in for time.sleep / asyncio.sleep, so retry tests use real sockets but wait no real seconds."""

from __future__ import annotations


class Sleeps:
    """Records each delay it is asked to sleep, and sleeps none."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.delays.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.delays.append(seconds)
