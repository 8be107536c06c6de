"""Reading an ORUK API feed served by a real HTTP server on 127.0.0.1."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from linkdesk.directory.errors import FeedError, ImportCancelled
from linkdesk.directory.feed import import_feed
from linkdesk.directory.generator import synthetic_services
from linkdesk.directory.search import search_services

RECORDS = list(synthetic_services(5, seed=7))


class FeedHandler(BaseHTTPRequestHandler):
    mode = "good"
    per_page = 2

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if self.mode == "error":
            return self._send(500, b'{"error": "oops"}')
        if self.mode == "garbage":
            return self._send(200, b"<html>Sign in to the wifi</html>")
        if self.mode == "slow":
            threading.Event().wait(2)
        if path == "/api/services":
            page = int(dict(part.split("=") for part in query.split("&")).get("page", 1))
            items = RECORDS[(page - 1) * self.per_page: page * self.per_page]
            summaries = [{"id": r["id"], "name": r["name"]} for r in items]
            pages = -(-len(RECORDS) // self.per_page)
            return self._send(200, json.dumps({"total_items": len(RECORDS), "total_pages": pages,
                                               "page_number": page, "contents": summaries}).encode())
        for record in RECORDS:
            if path == f"/api/services/{record['id']}":
                return self._send(200, json.dumps(record).encode())
        self._send(404, b"{}")


@pytest.fixture
def feed():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api", server
    FeedHandler.mode = "good"
    server.shutdown()
    server.server_close()


def test_the_whole_feed_is_read_page_by_page_with_full_records(store, feed):
    url, _ = feed
    result = import_feed(store, url)
    assert result.new == 5
    found = search_services(store, RECORDS[4]["name"])
    assert found and found[0].next_session  # full records carry schedules; list pages do not
    assert import_feed(store, url).unchanged == 5


@pytest.mark.parametrize("mode, message", [("error", "answered 500"), ("garbage", "not JSON")])
def test_a_misbehaving_server_gives_a_clear_message_and_changes_nothing(store, feed, mode, message):
    url, _ = feed
    FeedHandler.mode = mode
    with pytest.raises(FeedError, match=message):
        import_feed(store, url)
    assert search_services(store, "") == []


def test_a_timeout_is_reported(store, feed):
    url, _ = feed
    FeedHandler.mode = "slow"
    with pytest.raises(FeedError, match="did not answer within"):
        import_feed(store, url, timeout=0.3)


def test_offline_is_reported(store):
    with pytest.raises(FeedError, match="Could not reach"):
        import_feed(store, "http://127.0.0.1:9/api", timeout=2)


def test_cancel_during_download_changes_nothing(store, feed):
    url, _ = feed
    cancel = threading.Event()

    def progress(done, total):
        if done >= 2:
            cancel.set()

    with pytest.raises(ImportCancelled):
        import_feed(store, url, progress=progress, cancel=cancel)
    assert search_services(store, "") == []
