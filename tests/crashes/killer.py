"""Run a runcoach command that kills itself (SIGKILL, as ``kill -9``) at its Nth SQL statement.

    python -m tests.crashes.killer N runcoach-arguments...

Every statement any engine sends is counted; the Nth is never sent: the process dies
before it, with whatever transaction was open and whatever file was half written. N larger
than the command's statements lets it finish. The number of statements sent is printed to
stderr at the end, so a test can pick kill points over a whole command.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from sqlalchemy import Engine, event

from runcoach.cli.main import main

SENT_MARK = "statements sent: "


def _install(kill_at: int) -> list[int]:
    sent = [0]

    def before(*_args: Any) -> None:
        sent[0] += 1
        if sent[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "before_cursor_execute", before)
    return sent


if __name__ == "__main__":
    counter = _install(int(sys.argv[1]))
    sys.argv = ["runcoach", *sys.argv[2:]]
    try:
        main()
    finally:
        print(f"{SENT_MARK}{counter[0]}", file=sys.stderr)
