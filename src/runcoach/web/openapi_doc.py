"""The OpenAPI document of /api/v1 as published in docs/openapi.json.

Regenerate after changing the API: ``python -m runcoach.web.openapi_doc > docs/openapi.json``
(tests/web/test_openapi.py fails while the published document differs from the served one).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any


def openapi_document() -> dict[str, Any]:
    from runcoach.config import Settings
    from runcoach.store.db import make_engine
    from runcoach.web.app import create_app
    from runcoach.web.jobs import InProcessQueue

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine("sqlite://")  # never opened: the document needs no database
        settings = Settings(home=Path(folder), database_url="sqlite://")
        return create_app(settings, engine, jobs=InProcessQueue(engine)).openapi()


def published_text(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> None:
    sys.stdout.write(published_text(openapi_document()))


if __name__ == "__main__":
    main()
