"""A real local HTTP server over a folder, with ETags and conditional GET, for connector tests."""

import hashlib
import threading
import time
from email.utils import formatdate
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        server = self.server
        server.requests.append(self.path)
        status = server.fail_with.get(self.path)
        if status:
            self.send_error(status)
            return
        delay = server.delays.pop(self.path, 0)
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        if self.headers.get("If-None-Match") == etag:
            server.statuses.append(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        server.statuses.append(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/csv" if path.suffix == ".csv" else "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", formatdate(path.stat().st_mtime, usegmt=True))
        self.end_headers()
        half = len(body) // 2
        self.wfile.write(body[:half])
        self.wfile.flush()
        time.sleep(delay)
        self.wfile.write(body[half:])


class LocalServer:
    """Serve root on 127.0.0.1 from a thread until stopped."""

    def __init__(self, root: Path):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
        self.httpd.requests, self.httpd.statuses = [], []
        self.httpd.fail_with, self.httpd.delays = {}, {}
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
