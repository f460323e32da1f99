"""Opening the reader (the default command); the first-run loader is built here, where ingest may be imported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefing.cli.common import fail, settings
from briefing.config import db_path, resource_dir
from briefing.store import LibraryError


def sample_loader(library_path: Path, model: str, folder: Path | None = None) -> Callable:
    """A first-run loader: ingest the bundled sample articles into the library (run in the app's thread)."""

    def load(progress: Callable[[int, int | None, str], None]):
        from briefing.ingest import ingest
        from briefing.store import Library

        library = Library(library_path)
        try:
            return ingest(library, [str(folder or resource_dir("sample_articles"))], model=model,
                          on_progress=lambda step: progress(step.done, step.total, Path(step.label).name))
        finally:
            library.close()

    return load


def open_reader(db: str | None) -> None:
    """Open the reader on the library; an empty library first loads the sample briefing."""
    from briefing.tui.app import BriefingApp

    config = settings()
    path = db_path(db)
    try:
        app = BriefingApp(path, first_run=sample_loader(path, config.model), settings=config)
    except LibraryError as exc:
        fail(str(exc))
    app.run()
