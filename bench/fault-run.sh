#!/usr/bin/env bash
# A fault run you can repeat (issue 17), bounded to about 10 minutes. `epicenter serve --demo` (a
# simulated week, then the Cloudflare outage 90 s after each start) on a 256 MB tmpfs, under mixed
# load (reports from rotating networks, page and API reads, 10 SSE viewers, /healthz), with a
# webhook subscription whose receiver stalls (never answers) for its first 40 s. Faults: CYCLES
# kill -9 and restarts, one more kill -9 while alerts are being sent, and a full disk (then freed).
# At the end: reports acknowledged vs stored, alerts in the log vs answered by the receiver
# (duplicates: a key answered twice; lost: a due alert never answered), and the worst /healthz.
# Needs root (mount), python3, a built jar (./mvnw install -DskipTests).
# Usage: bench/fault-run.sh [cycles, default 5]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cycles="${1:-5}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar="$root/server/target/epicenter.jar"
token=fault-run-admin-token-0123456789
work="$(mktemp -d)"; disk="$work/disk"; mkdir -p "$disk"
mount -t tmpfs -o size=256m tmpfs "$disk"
cleanup() {
  touch "$work/stop"; kill -9 "${pid:-0}" 2>/dev/null || true; kill "${hook:-0}" 2>/dev/null || true
  sleep 1; umount "$disk" 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT
port=18111; hook_port=18112
cat > "$work/alerts.yaml" <<YAML
subscriptions:
  - {id: ops, channel: webhook, url: "http://127.0.0.1:$hook_port/hook", secret: "fault-run-webhook-secret"}
YAML
start() {
  EPICENTER_ADMIN_TOKEN=$token "$java" -Xmx384m -jar "$jar" serve --demo --host 127.0.0.1 --port $port --data "$disk/data" \
    --feeds off --probe-location none --client-ip-header X-Forwarded-For --probe-allow 127.0.0.0/8 --alerts "$work/alerts.yaml" \
    --report-rate 100000000 --report-burst 100000000 >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return 0; sleep 0.1; done
  echo "server did not start"; tail -20 "$work/server.log"; exit 1
}
kill9() { kill -9 "$pid"; wait "$pid" 2>/dev/null || true; }
alerts() { curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/admin/alerts?hours=720"; }
echo "machine: $(nproc) cores, $("$java" -version 2>&1 | head -1); $cycles kill -9 cycles, a kill during dispatch, a full disk"
touch "$work/stall"
python3 "$root/bench/fault-hook.py" --port $hook_port --stall "$work/stall" > "$work/hook.json" &
hook=$!
start
python3 "$root/bench/fault-load.py" --port $port --stop "$work/stop" > "$work/load.json" &
load=$!
for c in $(seq 1 "$cycles"); do
  sleep 10; kill9; echo "cycle $c: killed; restarting"; start
done
( sleep 40; rm -f "$work/stall"; echo "webhook receiver answers again" ) &
echo "waiting for the demo outage's alerts (up to 6 min)"
for _ in $(seq 1 360); do
  n="$(alerts | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["alerts"]))' 2>/dev/null || echo 0)"
  [ "$n" -gt 0 ] && break; sleep 1
done
echo "alerts in the log: $n; killing while they are sent"
sleep 2; kill9; start
sleep 15
echo "filling the disk"
dd if=/dev/zero of="$disk/filler" bs=1M 2>/dev/null || true
sleep 5
ready_full="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")"
ready_body="$(curl -s "http://127.0.0.1:$port/readyz")"
sleep 10
rm -f "$disk/filler"; echo "disk freed"
sleep 10
ready_after="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")"
echo "letting alerts drain (up to 120 s)"
for _ in $(seq 1 120); do
  pending="$(alerts | python3 -c 'import json,sys; print(sum(1 for a in json.load(sys.stdin)["alerts"] if a["state"]=="pending"))' 2>/dev/null || echo 1)"
  [ "$pending" -eq 0 ] && break; sleep 1
done
alerts > "$work/alerts.json"
touch "$work/stop"; wait "$load"
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
kill -TERM "$hook"; wait "$hook" 2>/dev/null || true
stored="$(python3 - "$disk/data/epicenter.db" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select count(*) from reports where problem = 'calls'").fetchone()[0])
PY
)"
python3 - "$work/load.json" "$stored" "$ready_full" "$ready_after" "$ready_body" "$work/alerts.json" "$work/hook.json" "$work/server.log" <<'PY'
import json, sys, collections
s = json.load(open(sys.argv[1])); stored = int(sys.argv[2])
alerts = json.load(open(sys.argv[6]))["alerts"]; hook = json.load(open(sys.argv[7]))
log = open(sys.argv[8]).read()
states = collections.Counter(a["state"] for a in alerts)
answered = hook["answered"]
due = [a for a in alerts if a["state"] in ("sent", "pending", "failed")]
lost = [a["key"] for a in due if a["key"] not in answered]
dups = {k: n for k, n in answered.items() if n > 1}
print(json.dumps(s))
print(f"reports from the load: acknowledged {s['acked']}, stored {stored}, lost {max(0, s['acked'] - stored)} (stored beyond acknowledged: in flight at a kill)")
print(f"503s {s['refused503']} ({s['refused503_retry_after']} with Retry-After); /readyz on the full disk {sys.argv[3]}, after freeing it {sys.argv[4]}")
print(f"/readyz said: {sys.argv[5]}")
print(f"alerts: log states {dict(states)}; receiver answered {len(answered)} keys, stalled {hook['stalled']} requests; duplicates {len(dups)} {dups}; lost {len(lost)} {lost}")
print(f"store-failure log lines: {log.count('the store refused a write') + log.count('the store still refuses writes')}; "
      f"worst /healthz {s['health_worst_ms']:.1f} ms over {s['health_checks']} checks; reads {s['reads']}")
PY
