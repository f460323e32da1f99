"""The ingest benchmark still runs end to end and ends with the line scripts read."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ingest_speed_bench_prints_its_figures(tmp_path: Path, samples: Path, capsys, nlp):
    for name in ("seed-kursk-briefing.txt", "gum-news-korea.txt"):
        shutil.copy(samples / name, tmp_path / name)
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import ingest_speed
    finally:
        sys.path.remove(str(ROOT / "bench"))
    assert ingest_speed.main(["--articles", str(tmp_path), "--rounds", "1"]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert "ingest 2 articles" in lines[-3]
    match = re.fullmatch(r"ingest_wps=(\d+) raw_wps=(\d+) ratio=(\d+\.\d{3})", lines[-1])
    assert match and int(match[1]) > 0 and int(match[2]) > 0
    assert abs(float(match[3]) - int(match[1]) / int(match[2])) < 0.01
