#!/usr/bin/env python3
"""Mixed load for bench/fault-run.sh: reports from rotating networks, page and API reads, SSE
viewers and /healthz checks against one server, until the file named by --stop exists. Prints one
JSON line: acknowledged reports (201/200), refused (503, with or without Retry-After), failed
connections, and the worst /healthz latency seen while the server was up."""
import argparse, http.client, json, os, socket, threading, time

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--stop", required=True)
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()
lock = threading.Lock()
stats = {"acked": 0, "refused503": 0, "refused503_retry_after": 0, "other": 0, "conn_errors": 0, "health_worst_ms": 0.0,
         "health_checks": 0, "reads": 0}
services = ["whatsapp", "x", "chatgpt", "qiwa", "stc", "talabat", "snapchat", "instagram"]

def add(k, n=1):
    with lock:
        stats[k] += n

def reporter(t):
    i = 0
    while not os.path.exists(a.stop):
        i += 1
        n = a.seed * 1_000_000 + t * 100_000 + i
        body = json.dumps({"service": services[i % len(services)], "problem": "calls", "country": "SA"})
        try:
            c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=10)
            c.request("POST", "/api/v1/reports", body, {"Content-Type": "application/json",
                      "X-Forwarded-For": "%d.%d.%d.7" % (11 + (n >> 16) % 200, (n >> 8) & 255, n & 255)})
            r = c.getresponse(); r.read(); c.close()
            if r.status in (200, 201): add("acked")
            elif r.status == 503:
                add("refused503")
                if r.getheader("Retry-After"): add("refused503_retry_after")
            else: add("other")
        except (OSError, http.client.HTTPException):
            add("conn_errors"); time.sleep(0.2)

def reader():
    paths = ["/", "/s/whatsapp", "/api/v1/services", "/api/v1/incidents?state=open", "/api/v1/services/x/reports?hours=1"]
    i = 0
    while not os.path.exists(a.stop):
        i += 1
        try:
            c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=10)
            c.request("GET", paths[i % len(paths)]); r = c.getresponse(); r.read(); c.close(); add("reads")
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)

def health():
    while not os.path.exists(a.stop):
        try:
            t = time.perf_counter()
            c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=10)
            c.request("GET", "/healthz"); r = c.getresponse(); r.read(); c.close()
            ms = (time.perf_counter() - t) * 1000
            with lock:
                stats["health_checks"] += 1
                stats["health_worst_ms"] = max(stats["health_worst_ms"], ms)
        except (OSError, http.client.HTTPException):
            pass  # the server is down (a kill): not a latency
        time.sleep(0.1)

def viewer():
    while not os.path.exists(a.stop):
        try:
            s = socket.create_connection(("127.0.0.1", a.port), timeout=5)
            s.sendall(b"GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
            s.settimeout(15)
            while not os.path.exists(a.stop) and s.recv(4096):
                pass
            s.close()
        except OSError:
            time.sleep(0.5)

threads = [threading.Thread(target=reporter, args=(t,)) for t in range(6)] + [threading.Thread(target=reader) for _ in range(2)] \
    + [threading.Thread(target=health)] + [threading.Thread(target=viewer, daemon=True) for _ in range(10)]
for t in threads: t.start()
for t in threads:
    if not t.daemon: t.join()
print(json.dumps(stats))
