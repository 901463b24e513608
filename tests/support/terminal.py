"""Reading what a process wrote to a pseudo-terminal (the CLI's terminal-safety tests)."""

from __future__ import annotations

import errno
import os


def drain(controller: int) -> bytes:
    """Everything written to the terminal of ``controller`` until the process closes its end; closes ``controller``."""
    shown = b""
    try:
        while chunk := os.read(controller, 65536):
            shown += chunk
    except OSError as exc:  # EIO: the process closed its end of the terminal
        if exc.errno != errno.EIO:
            raise
    finally:
        os.close(controller)
    return shown
