"""Reading an ORUK API feed: /services page by page, then /services/{id} for each full record.

Standard library only (urllib): one GET at a time is all a link worker's laptop needs, and
every failure becomes a FeedError with a message that says what to do.
"""

from __future__ import annotations

import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import Callable

from .errors import FeedError, ImportCancelled
from .oruk_import import ImportResult, import_records

TIMEOUT_SECONDS = 20
PAGE_SIZE = 100
MAX_PAGES = 10_000  # a feed whose total_pages never ends is misbehaving, not large


def _get_json(url: str, timeout: float):
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "LinkDesk"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        raise FeedError(f"The directory server answered {exc.code} {exc.reason} for {url}.") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FeedError(f"The directory server did not answer within {timeout:g} seconds ({url}).") from None
        raise FeedError(f"Could not reach the directory server ({reason}). "
                        "Check the internet connection and the address, then try again.") from None
    except (socket.timeout, TimeoutError):
        raise FeedError(f"The directory server did not answer within {timeout:g} seconds ({url}).") from None
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FeedError(f"The directory server sent something that is not JSON for {url}.") from None


def _url(base: str, path: str, query: dict | None = None) -> str:
    url = base.rstrip("/") + path
    return url + ("?" + urllib.parse.urlencode(query) if query else "")


def fetch_services(base_url: str, progress: Callable[[int, int], None] | None = None,
                   cancel: threading.Event | None = None, timeout: float = TIMEOUT_SECONDS) -> list[dict]:
    """All full service records the feed offers."""
    report = progress or (lambda done, total: None)
    ids: list[str] = []
    page, total_pages = 1, 1
    while page <= total_pages and page <= MAX_PAGES:
        if cancel is not None and cancel.is_set():
            raise ImportCancelled()
        document = _get_json(_url(base_url, "/services", {"page": page, "per_page": PAGE_SIZE}), timeout)
        if not isinstance(document, dict) or not isinstance(document.get("contents"), list):
            raise FeedError(f"{base_url} does not look like an ORUK feed: /services gave no 'contents' list.")
        try:
            total_pages = int(document.get("total_pages") or 1)
        except (TypeError, ValueError):
            raise FeedError("The feed's total_pages is not a number.") from None
        ids.extend(str(item["id"]) for item in document["contents"] if isinstance(item, dict) and item.get("id"))
        report(page, total_pages * 2)
        page += 1
    ids = list(dict.fromkeys(ids))
    records = []
    for done, service_id in enumerate(ids, start=1):
        if cancel is not None and cancel.is_set():
            raise ImportCancelled()
        record = _get_json(_url(base_url, "/services/" + urllib.parse.quote(service_id, safe="")), timeout)
        if not isinstance(record, dict):
            raise FeedError(f"The feed's record for service {service_id} is not a JSON object.")
        records.append(record)
        report(len(ids) + done, len(ids) * 2)
    return records


def import_feed(store, base_url: str, progress: Callable[[int, int], None] | None = None,
                cancel: threading.Event | None = None, timeout: float = TIMEOUT_SECONDS) -> ImportResult:
    """Download the whole feed, then import it in one transaction (nothing changes if either step fails)."""
    records = fetch_services(base_url, progress, cancel, timeout)
    return import_records(store, records, base_url, progress, cancel)
