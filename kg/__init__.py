"""zhengwu-kg: a knowledge graph of Chinese officials, events and policies from government news."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("zhengwu-kg")  # written once, in pyproject.toml
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"
