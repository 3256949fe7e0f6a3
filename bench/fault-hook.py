#!/usr/bin/env python3
"""Webhook receiver for bench/fault-run.sh. While the file named by --stall exists it takes each
request and never answers (the sender's 10 s deadline passes); otherwise it answers 200 and
records the Idempotency-Key. On SIGTERM it prints {"answered": {key: count}} as JSON."""
import argparse, json, os, signal, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--stall", required=True)
a = p.parse_args()
answered = {}
stalled = [0]
lock = threading.Lock()

class Hook(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if os.path.exists(a.stall):
            with lock: stalled[0] += 1
            time.sleep(20)  # never answered in time
            self.close_connection = True
            return
        key = self.headers.get("Idempotency-Key", "?")
        with lock: answered[key] = answered.get(key, 0) + 1
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()

server = ThreadingHTTPServer(("127.0.0.1", a.port), Hook)
def stop(*_):
    print(json.dumps({"answered": answered, "stalled": stalled[0]})); sys.stdout.flush(); os._exit(0)
signal.signal(signal.SIGTERM, stop)
server.serve_forever()
