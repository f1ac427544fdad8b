"""Imported by the worker processes' fork server: loads the model the workers will use once,
before any worker is forked, so each starts with it in memory (shared copy on write).

The model is the one named by the environment variable `LAWIE_WORKER_MODEL` ("" for the
packaged model, "rules", or a directory), which `lawie.batch` sets before it starts the server.
A model that fails to load here is left to each worker, which reports the error as usual.
"""

from __future__ import annotations

import os

SPEC = os.environ.get("LAWIE_WORKER_MODEL")
EXTRACTOR = None
if SPEC is not None:
    try:
        from .extractor import Extractor

        EXTRACTOR = Extractor(SPEC or None)
    except Exception:  # the workers load it themselves and report what is wrong
        EXTRACTOR = None
    import gc

    gc.freeze()  # the model's objects are never collected: workers forked from here leave their pages shared
