"""Frozen-application entry point: the same `linkdesk` command that pip installs."""

import sys

from linkdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
