"""Opening the reader (the default command)."""

from __future__ import annotations

import click

from briefing.config import db_path


def open_reader(db: str | None) -> None:
    """Until the reader lands, say so and point at what works today."""
    path = db_path(db)
    click.echo(
        "briefing: the reader is not built yet.\n"
        f"Your library is {path}. Try `briefing ingest PATH`, `briefing stats`, or `briefing --help`."
    )
