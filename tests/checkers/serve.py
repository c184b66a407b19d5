"""A loopback-only static file server for LinkChecker: `python tests/checkers/serve.py PORT FOLDER` (PORT 0: any).

Python's http.server, plus one response header: `LinkChecker: unthrottled`. LinkChecker waits 0.1 to 0.6 s
between two requests to a host (a politeness limit for real servers) unless that host answers with a
`LinkChecker` header, which lifts it to the configured maxrequestspersecond: ten minutes become seconds.
"""

from __future__ import annotations

import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class Handler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def main() -> None:
    port, folder = int(sys.argv[1]), sys.argv[2]
    with ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=folder)) as server:
        host, port = server.server_address[:2]
        print(f"Serving HTTP on {host} port {port} (http://{host}:{port}/) ...", flush=True)  # as http.server does
        server.serve_forever()


if __name__ == "__main__":
    main()
