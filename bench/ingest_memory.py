"""Does ingest stream? Peak RSS of `briefing ingest` over 200 and over 2,000 generated articles.

    python bench/ingest_memory.py [--small 200] [--large 2000] [--words 150]

Each run is a fresh `python -m briefing ingest FOLDER --db NEW` process; its peak resident set
size comes from wait4(). If ingest holds articles, analyses or rows in memory, the large run's
peak grows with the article count; if it streams, the ratio stays near 1. Prints figures only.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = ["Olaf Scholz", "Emmanuel Macron", "Giorgia Meloni", "Pedro Sanchez", "Ursula von der Leyen",
          "Antonio Guterres", "Lloyd Austin", "Sabrina Singh", "Robert Mugabe", "Jens Stoltenberg"]
PLACES = ["Berlin", "Paris", "Rome", "Madrid", "Brussels", "New York", "Kyiv", "Warsaw", "Geneva", "Harare"]
VERBS = ["met", "called", "criticised", "praised", "warned", "thanked"]


def article(rng: random.Random, number: int, words: int) -> str:
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        who, other, where = rng.choice(PEOPLE), rng.choice(PEOPLE), rng.choice(PLACES)
        figure = rng.randint(2, 90_000)
        sentences.append(rng.choice([
            f"{who} {rng.choice(VERBS)} {other} in {where} on Monday.",
            f'"We will send {figure:,} more soldiers," said {who}.',
            f"{who} will visit {where} next week to discuss {figure} million euros of aid.",
            f"The talks in {where} lasted {rng.randint(2, 14)} hours, officials said.",
        ]))
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    return (f"Title: Briefing number {number}\nDate: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f"Source: Bench Wire\n\n" + "\n\n".join(paragraphs) + "\n")


def make_folder(folder: Path, count: int, words: int, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"article-{number:05d}.txt").write_text(article(rng, number, words), encoding="utf-8")


def run_ingest(folder: Path, db: Path) -> tuple[float, int, str]:
    """Seconds, peak RSS in bytes, and the summary line of one ingest process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_CONFIG": str(db.parent / "none.toml")}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "ingest", str(folder), "--db", str(db)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    out = proc.stdout.read().decode().strip()
    err = proc.stderr.read().decode().strip()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"ingest failed: {err or out}")
    return seconds, usage.ru_maxrss * 1024, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=2000)
    parser.add_argument("--words", type=int, default=150, help="words per generated article")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        results = {}
        for count in (args.small, args.large):
            folder = Path(tmp) / f"in-{count}"
            make_folder(folder, count, args.words, args.seed)
            seconds, peak, summary = run_ingest(folder, Path(tmp) / f"lib-{count}.db")
            size = (Path(tmp) / f"lib-{count}.db").stat().st_size
            results[count] = peak
            print(f"{count:>6} articles  peak RSS {peak / 2**20:7.1f} MiB  {seconds:7.1f} s  "
                  f"{count / seconds:6.1f} articles/s  library {size / 2**20:6.1f} MiB  [{summary}]")
        ratio = results[args.large] / results[args.small]
        print(f"peak RSS ratio {args.large} / {args.small} articles: {ratio:.2f} "
              f"(1.00 = memory does not grow with the number of articles)")


if __name__ == "__main__":
    main()
