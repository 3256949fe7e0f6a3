#!/usr/bin/env bash
# A fault run you can repeat (issue 17): mixed load (reports from rotating networks, page and API
# reads, 10 SSE viewers, /healthz) against `epicenter serve` while the server is kill -9'd and
# restarted CYCLES times, then its disk (a tmpfs) is filled and freed. At the end: reports
# acknowledged vs stored, 503s and whether they carried Retry-After, /readyz during the full disk,
# and the worst /healthz latency. Needs root (mount), python3 and a built jar (./mvnw install -DskipTests).
# Usage: bench/fault-run.sh [cycles, default 5] [seconds of load per cycle, default 8]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cycles="${1:-5}"; secs="${2:-8}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar="$root/server/target/epicenter.jar"
work="$(mktemp -d)"; disk="$work/disk"; mkdir -p "$disk"
mount -t tmpfs -o size=48m tmpfs "$disk"
cleanup() { kill -9 "${pid:-0}" 2>/dev/null || true; touch "$work/stop"; sleep 1; umount "$disk" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=18111
start() {
  EPICENTER_ADMIN_TOKEN=fault-run-admin-token-0123456789 "$java" -Xmx256m -jar "$jar" serve --host 127.0.0.1 --port $port \
    --data "$disk/data" --feeds off --probe-location none --client-ip-header X-Forwarded-For \
    --report-rate 100000000 --report-burst 100000000 >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return 0; sleep 0.1; done
  echo "server did not start"; tail -20 "$work/server.log"; exit 1
}
echo "machine: $(nproc) cores, $("$java" -version 2>&1 | head -1); $cycles kill -9 cycles of ${secs}s, then a full disk"
start
python3 "$root/bench/fault-load.py" --port $port --stop "$work/stop" > "$work/load.json" &
load=$!
for c in $(seq 1 "$cycles"); do
  sleep "$secs"
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  echo "cycle $c: killed; restarting"
  start
done
sleep "$secs"
echo "filling the disk"
dd if=/dev/zero of="$disk/filler" bs=1M 2>/dev/null || true
sleep 4
ready_full="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")"
ready_body="$(curl -s "http://127.0.0.1:$port/readyz")"
sleep "$secs"
rm -f "$disk/filler"
echo "disk freed"
sleep "$secs"
ready_after="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")"
touch "$work/stop"; wait "$load"
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
stored="$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from reports').fetchone()[0])" "$disk/data/epicenter.db")"
logged="$(grep -c 'the store refused a write\|the store still refuses writes' "$work/server.log" || true)"
python3 - "$work/load.json" "$stored" "$ready_full" "$ready_after" "$logged" "$ready_body" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); stored = int(sys.argv[2])
print(json.dumps(s))
print(f"acknowledged {s['acked']}, stored {stored}, lost {max(0, s['acked'] - stored)} (stored beyond acknowledged: in flight at a kill)")
print(f"503s {s['refused503']} ({s['refused503_retry_after']} with Retry-After); /readyz on the full disk {sys.argv[3]}, after freeing it {sys.argv[4]}")
print(f"/readyz said: {sys.argv[6]}")
print(f"store-failure log lines: {sys.argv[5]}; worst /healthz {s['health_worst_ms']:.1f} ms over {s['health_checks']} checks; reads {s['reads']}")
PY
