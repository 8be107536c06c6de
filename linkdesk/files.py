"""Files LinkDesk writes for people to read: whole or not at all.

Every export, report, template and printed PDF is written to a temporary file in the
same folder, flushed to disk, then renamed over the target, so a full disk, a pulled USB
stick or a crash never leaves half a file behind, and an earlier file of that name stays
as it was until the new one is complete. Errors are the operating system's `OSError`;
each feature turns them into its own plain-English error.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write `data` to `path`, replacing any file there only once every byte is on disk."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=".linkdesk-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def reason(error: OSError) -> str:
    """Why a file could not be written, in words a person can act on."""
    if isinstance(error, FileNotFoundError):
        return "its folder does not exist"
    if isinstance(error, NotADirectoryError):
        return "part of the path is a file, not a folder"
    if isinstance(error, IsADirectoryError):
        return "there is a folder of that name there"
    if isinstance(error, PermissionError):
        return "you do not have permission to write there"
    return error.strerror or str(error)
