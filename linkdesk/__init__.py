"""LinkDesk: the desktop workbench of a social prescribing link worker."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("linkdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
