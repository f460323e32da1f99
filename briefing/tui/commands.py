"""The command palette (ctrl+p): every action of the screen, plus "open article…", "go to person/place…"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from briefing.store.queries import ArticleRow, EntityChoice, article_rows, filter_rows, find_entities
from briefing.tui.safe_text import line_text

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

MAX_HITS = 200


def _commands(provider: Provider) -> list[tuple[str, str, Callable[[], object]]]:
    """(name, help, callback) for the palette: the screen's actions and the finders."""
    app: BriefingApp = provider.app  # type: ignore[assignment]
    out: list[tuple[str, str, Callable[[], object]]] = [
        ("Open article…", "Find an article in the library by title or source", app.action_find_article),
        ("Go to person…", "Open the dossier of a person across the library", partial(app.action_find_entity, "person")),
        ("Go to place…", "Open the dossier of a place across the library", partial(app.action_find_entity, "place")),
        ("Go to organisation…", "Open the dossier of an organisation or group",
         partial(app.action_find_entity, "organization")),
    ]
    seen: set[str] = set()
    for active in provider.screen.active_bindings.values():
        binding = active.binding
        if binding.system or not binding.description or binding.action in seen:
            continue
        if binding.action in ("command_palette", "app.command_palette"):
            continue
        seen.add(binding.action)
        keys = app.get_key_display(binding)
        out.append((binding.description, f"{binding.tooltip or binding.description} ({keys})",
                    partial(active.node.run_action, binding.action)))
    return out


class ReaderCommands(Provider):
    """Every action the current screen offers, and the finders."""

    async def discover(self) -> Hits:
        for name, help_text, callback in _commands(self):
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in _commands(self):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


class ArticleFinder(Provider):
    """Articles by title, source or date."""

    async def startup(self) -> None:
        app: BriefingApp = self.app  # type: ignore[assignment]
        self.rows: list[ArticleRow] = article_rows(app.library)

    def _label(self, row: ArticleRow) -> str:
        return line_text(row.title) or "(untitled)"

    def _help(self, row: ArticleRow) -> str:
        return " · ".join(v for v in (line_text(row.date), line_text(row.source)) if v)

    async def discover(self) -> Hits:
        app: BriefingApp = self.app  # type: ignore[assignment]
        for row in self.rows[:MAX_HITS]:
            yield DiscoveryHit(self._label(row), partial(app.open_in_reader, row.id), help=self._help(row))

    async def search(self, query: str) -> Hits:
        app: BriefingApp = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        candidates = filter_rows(self.rows, query)[:MAX_HITS] or self.rows[:MAX_HITS * 5]
        for row in candidates:
            score = matcher.match(row.title)
            if score > 0:
                yield Hit(score, matcher.highlight(self._label(row)), partial(app.open_in_reader, row.id),
                          help=self._help(row))


class _EntityFinder(Provider):
    kinds: tuple[str, ...] = ("person",)

    def _choices(self, text: str) -> list[EntityChoice]:
        app: BriefingApp = self.app  # type: ignore[assignment]
        return find_entities(app.library, self.kinds, text, limit=MAX_HITS)

    async def discover(self) -> Hits:
        app: BriefingApp = self.app  # type: ignore[assignment]
        for choice in self._choices(""):
            yield DiscoveryHit(line_text(choice.name), partial(app.open_dossier, choice.id), help=_plural(choice.articles))

    async def search(self, query: str) -> Hits:
        app: BriefingApp = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        words = query.split()
        choices = self._choices(words[0] if words else "") or self._choices("")
        for choice in choices:
            score = matcher.match(line_text(choice.name))
            if score > 0:
                yield Hit(score, matcher.highlight(line_text(choice.name)), partial(app.open_dossier, choice.id),
                          help=_plural(choice.articles))


class PersonFinder(_EntityFinder):
    kinds = ("person",)


class PlaceFinder(_EntityFinder):
    kinds = ("place",)


class OrganisationFinder(_EntityFinder):
    kinds = ("organization", "group")


FINDERS: dict[str, tuple[type[Provider], str]] = {
    "person": (PersonFinder, "Go to person…"),
    "place": (PlaceFinder, "Go to place…"),
    "organization": (OrganisationFinder, "Go to organisation…"),
}


def finder_palette(kind: str) -> CommandPalette:
    provider, placeholder = FINDERS[kind]
    return CommandPalette(providers=[provider], placeholder=placeholder)


def article_palette() -> CommandPalette:
    return CommandPalette(providers=[ArticleFinder], placeholder="Open article…")


def _plural(n: int) -> str:
    return f"{n} article" + ("" if n == 1 else "s")
