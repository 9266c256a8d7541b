#!/usr/bin/env python3
"""A webhook receiver for the reminder tests: webhook_server.py FOLDER

POST /ok/... stores the body as FOLDER/N.json and answers 200; POST /fail/... answers 500 and
stores nothing; POST /forbidden/... answers 403. Prints "PORT n" once it listens."""
import http.server
import os
import sys
import threading

folder = sys.argv[1]
lock = threading.Lock()
count = [0]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path.startswith("/fail"):
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"internal error")
            return
        if self.path.startswith("/forbidden"):
            self.send_response(403)
            self.end_headers()
            self.wfile.write(b"invalid_token")
            return
        with lock:
            count[0] += 1
            path = os.path.join(folder, "%d.json" % count[0])
        with open(path + ".tmp", "wb") as handle:
            handle.write(body)
        os.replace(path + ".tmp", path)
        with open(path + ".type", "w") as handle:
            handle.write(self.headers.get("Content-Type", ""))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("PORT %d" % server.server_address[1], flush=True)
server.serve_forever()
