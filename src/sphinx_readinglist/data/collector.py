"""Pausing Python's cyclic garbage collector while much is built at once.

The collector runs after so many new container objects, and now and then
scans every object alive. While a reading list is built, tens of thousands
of objects are made that live on (values, entries, nodes) or die by
reference counting (the pieces of a JSON-LD document, index entries): each
scan in the middle of that finds nothing to free, and a big project pays
for scanning its whole heap again and again (at 10,000 entries, building
the JSON-LD alone took seven times as long with the collector on).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector inside the block; leave it as it was after.

    Cyclic garbage made inside the block is freed by the first collection
    after it: keep to work that makes little of it.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
