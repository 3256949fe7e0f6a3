#!/usr/bin/env bash
# Where Epicenter's CPU goes under report load: CPU per acknowledged report for each kind of server
# thread (virtual-thread carriers, the group-commit writer, the JIT, GC...), from /proc/<pid>/task/*/stat
# across one measured wrk run after a warm-up. Usage: bench/thread-cpu.sh [seconds] [connections]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-15}"; conns="${2:-256}"; warmup="${WARMUP:-20}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
(cd "$root" && ./mvnw -q -B -DskipTests package >/dev/null 2>&1)
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
EPICENTER_ADMIN_TOKEN=bench-admin-token-0123456789abcdef "$JAVA_HOME/bin/java" -jar "$root/server/target/epicenter.jar" serve \
  --host 127.0.0.1 --port 18090 --data "$work/data" --report-rate 100000000 --report-burst 100000000 --client-ip-header X-Forwarded-For >"$work/epi.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:18090/ && break; sleep 0.2; done
wrk -t1 -c"$conns" -d"${warmup}s" -s "$root/bench/report.lua" http://127.0.0.1:18090 >/dev/null 2>&1
# one line per thread: id, name without its trailing number, user+system ticks
snap() { for t in /proc/$pid/task/*; do echo "${t##*/} $(tr ' ' '_' <"$t/comm" | sed -E 's/[-#_]?[0-9]+$//') $(awk '{print $14+$15}' "$t/stat")"; done; }
snap >"$work/s0"
line="$(wrk -t1 -c"$conns" -d"${secs}s" -s "$root/bench/report.lua" http://127.0.0.1:18090 | tail -1)"
snap >"$work/s1"
echo "$line"
curl -s http://127.0.0.1:18090/metrics | grep -E '^epicenter_store_batch_size_(sum|count)' || true
acked=$(sed -E 's/.*acknowledged=([0-9]+).*/\1/' <<<"$line")
awk -v n="$acked" -v hz="$(getconf CLK_TCK)" 'NR == FNR {before[$1] = $3; next}
  {used[$2] += $3 - ($1 in before ? before[$1] : 0)}
  END {for (k in used) if (used[k] > 0) printf "%-28s %8.2f us per report\n", k, used[k] * 1e6 / hz / n}' "$work/s0" "$work/s1" | sort -k2 -nr
