"""Where the command line gets passphrases: environment, standard input, or a prompt.

LINKDESK_PASSPHRASE (or the first line of stdin with --passphrase-stdin) is the current
passphrase; LINKDESK_NEW_PASSPHRASE (or the second stdin line) is a new one. A prompt
never echoes; a new passphrase typed at a prompt is asked for twice.
"""

from __future__ import annotations

import getpass
import os
import sys


class NoPassphrase(Exception):
    """Nothing to read a passphrase from: a usage error (exit code 2)."""


class PassphraseSource:
    def __init__(self, use_stdin: bool):
        self._use_stdin = use_stdin
        self._lines: list[str] | None = None
        self._typed: str | None = None  # a prompt asks for the current passphrase only once

    def _stdin_line(self, index: int) -> str | None:
        if not self._use_stdin:
            return None
        if self._lines is None:
            self._lines = [line.rstrip("\r\n") for line in sys.stdin.readlines()]
        if index >= len(self._lines):
            raise NoPassphrase(f"--passphrase-stdin needs line {index + 1} of standard input, which is empty")
        return self._lines[index]

    def current(self, prompt: str = "Passphrase: ") -> str:
        line = self._stdin_line(0)  # asked for explicitly, so it wins over the environment
        if line is not None:
            return line
        from_env = os.environ.get("LINKDESK_PASSPHRASE")
        if from_env is not None:
            return from_env
        if self._typed is None:
            self._typed = _prompt(prompt)
        return self._typed

    def for_new_store(self) -> tuple[str, str]:
        """`init` and `demo`: the current-passphrase sources, but a prompt asks twice."""
        line = self._stdin_line(0)
        if line is not None:
            return line, line
        from_env = os.environ.get("LINKDESK_PASSPHRASE")
        if from_env is not None:
            return from_env, from_env
        return _prompt("Passphrase for the new store: "), _prompt("The same passphrase again: ")

    def new(self, stdin_line: int = 1) -> tuple[str, str]:
        """The new passphrase and its repetition (identical unless typed at a prompt)."""
        line = self._stdin_line(stdin_line) if self._use_stdin else None
        if line is not None:
            return line, line
        from_env = os.environ.get("LINKDESK_NEW_PASSPHRASE")
        if from_env is not None:
            return from_env, from_env
        return _prompt("New passphrase: "), _prompt("New passphrase again: ")


def _prompt(prompt: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise NoPassphrase(
            "no passphrase given: set LINKDESK_PASSPHRASE or use --passphrase-stdin"
        )
    try:
        return getpass.getpass(prompt)
    except EOFError as exc:
        raise NoPassphrase("no passphrase given") from exc
