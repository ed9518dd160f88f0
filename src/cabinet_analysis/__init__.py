"""cabinet-analysis: sourced data and representation gaps of the Taliban caretaker government of 7 September 2021."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cabinet-analysis")  # the one place the version is kept is pyproject.toml
except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
    __version__ = "unknown"
