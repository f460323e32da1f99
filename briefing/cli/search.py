"""`briefing search QUERY`: ranked hits with snippets, for people (styled) or scripts (--json)."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from briefing.cli.common import OutputConsole, db_option, fail, open_library
from briefing.store.search import Hit, QueryError, count_matches, parse, search

HIT_STYLE = "bold yellow"


class QueryCommand(click.Command):
    """A command whose words are one query, where `-kyiv` is an exclusion rather than an option.

    click's ignore_unknown_options would not do: it reads `-london` as the letters l, o, then
    `-n don` (--limit), and `-hamas` as -h (help). Here a word is an option only when it is one
    of the command's own, whole (`-n 5`, `-n5`, `--limit=5`, `--json`); every other word starting
    with a single "-" goes to the query, in its place. An unknown `--word` stays an option, so a
    mistyped `--limt` still gets click's "No such option" (with its suggestion).
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, query_words_last(args, self.get_params(ctx)))


def query_words_last(args: list[str], params: list[click.Parameter]) -> list[str]:
    """The options first, then `--` and the query's words in their order."""
    takes_value = {name: not (p.is_flag or p.count) for p in params if isinstance(p, click.Option)
                   for name in (*p.opts, *p.secondary_opts)}
    options: list[str] = []
    words: list[str] = []
    rest = iter(args)
    for arg in rest:
        name = arg.split("=", 1)[0] if arg.startswith("--") else arg
        if arg == "--":
            words.extend(rest)
        elif name in takes_value:
            value = next(rest, None) if takes_value[name] and "=" not in arg else None
            if takes_value[name] and "=" not in arg and value is None:  # `-n` last, its value missing:
                return [*words, arg]  # click says so ("Option '-n' requires an argument")
            options.append(arg)
            if value is not None:  # the option's value, whatever it looks like (`--db -odd.db`)
                options.append(value)
        elif arg.startswith("--"):
            options.append(arg)
        elif len(arg) > 2 and takes_value.get(arg[:2]) and arg[2:].isdigit():
            options.append(arg)  # -n5
        else:
            words.append(arg)
    return [*options, "--", *words] if words else options


@click.command("search", cls=QueryCommand)
@click.argument("query", nargs=-1, required=True, metavar="QUERY...")
@click.option("--limit", "-n", default=20, show_default=True, type=click.IntRange(1, 10000),
              help="Show at most N hits.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as a JSON list.")
@db_option
def search_cmd(query: tuple[str, ...], limit: int, as_json: bool, db: str | None) -> None:
    """Search the library: words, "phrases", OR, -exclusion, prefix*, (groups), and the filters
    person: place: org: speaker: source: from:DATE to:DATE (DATE is YYYY, YYYY-MM or YYYY-MM-DD).

    --json gives each hit a "score": the relevance of the query's words (higher is better), or
    null for an article found by filters alone (nothing to rank by: newest first). Such a hit's
    snippet is around the first mention of the person, place or organisation filtered for.

    The words need no quotes (briefing search Zelensky Reykjavik -Kyiv is one query), though the
    shell's own characters do: '"North Korean"', '(kyiv OR odesa)'. A word that starts with "-" is
    an exclusion unless it is one of the options here; anything after -- is query.

    When more articles match than --limit shows, a line on stderr says how many
    ("20 of 313 articles shown"; with --json only when stderr is a terminal).

    Exit status 2 with a one-line message when the query is malformed (--debug, anywhere on the
    line, adds the traceback of any error).
    """
    library = open_library(db, create=False)
    try:
        node = parse(" ".join(query))
        if node is None:
            fail('search: nothing to search for: give words, "a phrase" or a filter such as person:NAME', code=2)
        hits = search(library, node, limit=limit)
        # Only a full page can hide more; the count is for people (a script has --limit and the list).
        tell = len(hits) == limit and (not as_json or sys.stderr.isatty())
        total = count_matches(library, node) if tell else len(hits)
    except QueryError as exc:
        fail(f"search: {exc}", code=2)
    finally:
        library.close()
    if as_json:
        click.echo(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2))
    elif not hits:
        click.echo("briefing: search: no articles match", err=True)
        return
    else:
        print_hits(hits, OutputConsole(highlight=False))
    if total > len(hits):
        sys.stdout.flush()  # the note comes after the hits, also when both go to one terminal
        click.echo(f"briefing: search: {len(hits)} of {total:,} articles shown; --limit N for more", err=True)


def print_hits(hits: list[Hit], console: Console) -> None:
    """Rank, date, source and title, then the snippet: hits bold on a terminal, «marked» in a pipe."""
    for rank, hit in enumerate(hits, 1):
        line = Text(f"{rank:>3}  ", style="dim")
        line.append(f"{hit.date or 'undated':<10}  ", style="cyan")
        if hit.source:
            line.append(_short(hit.source) + "  ", style="green")
        line.append(hit.title or "(untitled)", style="bold")
        if console.is_terminal:
            console.print(line)
            console.print(Padding(_styled_snippet(hit), (0, 0, 0, 5)))
        else:  # a pipe: two whole lines a hit (grep and head see hits whole), hits between « »
            console.print(line, soft_wrap=True)
            console.print(Text(" " * 5 + hit.marked_snippet()), soft_wrap=True)


def _styled_snippet(hit: Hit) -> Text:
    text = Text(hit.snippet)
    for start, end in hit.marks:
        text.stylize(HIT_STYLE, start, end)
    return text


def _short(source: str, width: int = 24) -> str:
    """A source line often carries a URL and credits after a comma: show its name."""
    name = source.split(",")[0].strip()
    return name if len(name) <= width else name[:width - 1] + "…"
