"""The library store: schema, migrations, writes one article per transaction, reads and search."""

from briefing.store.db import Library, LibraryError, StoreResult

__all__ = ["Library", "LibraryError", "StoreResult"]
