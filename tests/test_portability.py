"""Source rules that keep LinkDesk working on Windows and macOS, which CI here cannot run."""

import re
from pathlib import Path

import linkdesk

# "%-d" (day without a leading zero) is glibc and BSD only; Windows' strftime raises ValueError.
PLATFORM_ONLY_STRFTIME = re.compile(r"%-[a-zA-Z]")


def test_no_date_format_that_only_linux_and_macos_understand():
    offenders = [f"{path.relative_to(Path(linkdesk.__file__).parent)}:{number}"
                 for path in sorted(Path(linkdesk.__file__).parent.rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if PLATFORM_ONLY_STRFTIME.search(line)]
    assert offenders == [], "use f\"{day.day} {day:%B %Y}\" instead of %-d: " + ", ".join(offenders)
