#!/usr/bin/env bash
# Report intake vs a bare Javalin POST, in one run, over loopback, with wrk (Debian package).
# Usage: bench/reports-wrk.sh [seconds per run] [connections] [rounds]
# Epicenter runs with rate limits raised (--report-rate/--report-burst 100000000) so the load
# generator, a single client address, is not throttled. After each Epicenter run the server is
# stopped and the stored reports are counted: acknowledged must be <= stored.
# BENCH_JAVA_OPTS (e.g. -XX:+UseParallelGC) is given to both servers alike.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-15}"; conns="${2:-64}"; rounds="${3:-2}"; warmup="${WARMUP:-20}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
(cd "$root" && ./mvnw -q -B -DskipTests package >/dev/null 2>&1)
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

wait_port() { for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.2; done; return 1; }
# Both servers get the same JIT warm-up before the measured run.
warm() { wrk -t1 -c"$conns" -d"${warmup}s" -s "$root/bench/report.lua" "http://127.0.0.1:$1" >/dev/null 2>&1; }
cpu() { awk -v t="$(getconf CLK_TCK)" '{print ($14+$15)/t}' "/proc/$1/stat"; }
measure() { # pid port -> wrk summary plus the server's CPU milliseconds per acknowledged request
  local c0 c1 line acked
  c0=$(cpu "$1")
  line="$(wrk -t1 -c"$conns" -d"${secs}s" -s "$root/bench/report.lua" "http://127.0.0.1:$2" | tail -1)"
  c1=$(cpu "$1")
  acked=$(sed -E 's/.*acknowledged=([0-9]+).*/\1/' <<<"$line")
  echo "$line server_cpu_ms_per_req=$(awk -v a="$c0" -v b="$c1" -v n="$acked" 'BEGIN {printf "%.4f", (b-a)*1000/n}')"
}

echo "machine: $(nproc) cores, $(uname -r), $($java -version 2>&1 | head -1)"
echo "wrk -t1 -c$conns -d${secs}s after ${warmup}s warm-up, $rounds rounds"
for round in $(seq 1 "$rounds"); do
  "$java" ${BENCH_JAVA_OPTS:-} -cp "$root/bench/target/epicenter-bench.jar" org.epicenter.bench.BareJavalin 18091 >"$work/bare.log" 2>&1 &
  bare=$!; wait_port 18091; warm 18091
  echo "round $round bare-javalin: $(measure $bare 18091)"
  kill $bare; wait $bare 2>/dev/null || true

  data="$work/data$round"
  EPICENTER_ADMIN_TOKEN=bench-admin-token-0123456789abcdef "$java" ${BENCH_JAVA_OPTS:-} -jar "$root/server/target/epicenter.jar" serve \
    --host 127.0.0.1 --port 18090 --data "$data" --report-rate 100000000 --report-burst 100000000 --client-ip-header X-Forwarded-For >"$work/epi.log" 2>&1 &
  epi=$!; wait_port 18090
  warm 18090
  warmed="$(curl -s http://127.0.0.1:18090/metrics | awk '/^epicenter_reports_total\{outcome="(counted|deduplicated)"/ {s+=$2} END {printf "%d", s}')"
  line="$(measure $epi 18090)"
  kill $epi; wait $epi 2>/dev/null || true
  stored="$("$java" -cp "$root/bench/target/epicenter-bench.jar" org.epicenter.bench.StoreCount "$data" 2>/dev/null | tail -1)"
  acked=$(( $(sed -E 's/.*acknowledged=([0-9]+).*/\1/' <<<"$line") + warmed ))
  echo "round $round epicenter:    $line stored=$stored acknowledged_incl_warmup=$acked $([[ $stored -ge $acked ]] && echo OK || echo LOST)"
done
