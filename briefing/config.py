"""Where the library and the settings live, and what the settings say.

Library: `--db PATH`, else `BRIEFING_DB`, else `<platform data dir>/library.db`.
Settings: a TOML file (`BRIEFING_CONFIG`, else `<platform config dir>/config.toml`) with
`model`, `theme`, `max_article_bytes`, `max_article_chars` and a `[keys]` table of binding id -> keys.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "briefing"
DEFAULT_MODEL = "auto"  # en_core_web_sm when installed, else the PyPI re-upload
DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024
# spaCy's own default limit: its parser needs about 3 GB and a minute per million characters.
DEFAULT_MAX_ARTICLE_CHARS = 1_000_000


class ConfigError(Exception):
    """The settings file cannot be read; the message says which file and why."""


@dataclass
class Settings:
    model: str = DEFAULT_MODEL
    theme: str | None = None
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


def config_path() -> Path:
    env = os.environ.get("BRIEFING_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The library file to use: the command line wins, then BRIEFING_DB, then the data dir."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("BRIEFING_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "library.db"


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing file means defaults, a broken one is a ConfigError."""
    path = path or config_path()
    if not path.exists():
        return Settings(path=path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings: {exc}") from exc
    keys = data.get("keys") or {}
    if not isinstance(keys, dict):
        raise ConfigError(f"{path}: [keys] must be a table of binding id = \"key,...\"")
    return Settings(
        model=str(data.get("model") or DEFAULT_MODEL),
        theme=data.get("theme"),
        max_article_bytes=_positive_int(data, "max_article_bytes", DEFAULT_MAX_ARTICLE_BYTES, path),
        max_article_chars=_positive_int(data, "max_article_chars", DEFAULT_MAX_ARTICLE_CHARS, path),
        keys={str(k): str(v) for k, v in keys.items()},
        path=path,
    )


def _positive_int(data: dict[str, Any], name: str, default: int, path: Path) -> int:
    """A size setting: a whole number above zero, else a ConfigError naming the file and the setting."""
    value = data.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{path}: {name} must be a whole number above 0, not {value!r}")
    return value


def save_setting(name: str, value: str, path: Path | None = None) -> None:
    """Set one top-level string setting, keeping the rest of the file as it was."""
    path = path or config_path()
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    entry = f"{name} = {_toml_string(value)}"
    for i, line in enumerate(lines):
        if line.startswith("["):
            lines.insert(i, entry)
            break
        if line.split("=", 1)[0].strip() == name:
            lines[i] = entry
            break
    else:
        lines.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def resource_dir(name: str) -> Path:
    """A folder shipped with the package (`sample_articles`, `styles`): inside an installed
    package it sits in `briefing/`, in a checkout beside it."""
    here = Path(__file__).resolve().parent
    installed = here / name
    return installed if installed.is_dir() else here.parent / name


def as_dict(settings: Settings) -> dict[str, Any]:
    return {"model": settings.model, "theme": settings.theme, "keys": dict(settings.keys)}
