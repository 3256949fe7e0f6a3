#!/usr/bin/env bash
# What an answer written later costs on Javalin: JavalinCosts in its three modes (sync, async, core),
# alternated in rounds, wrk over loopback with the report benchmark's Lua script.
# Usage: bench/javalin-costs.sh [seconds per run] [connections] [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-10}"; conns="${2:-256}"; rounds="${3:-2}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
(cd "$root" && ./mvnw -q -B -DskipTests package >/dev/null 2>&1)
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
cpu() { awk -v t="$(getconf CLK_TCK)" '{print ($14+$15)/t}' "/proc/$1/stat"; }
echo "machine: $(nproc) cores, $(uname -r), $($java -version 2>&1 | head -1); wrk -t1 -c$conns -d${secs}s after a ${secs}s warm-up"
for round in $(seq 1 "$rounds"); do
  for mode in sync async core; do
    "$java" -cp "$root/bench/target/epicenter-bench.jar" org.epicenter.bench.JavalinCosts 18095 "$mode" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:18095/ && break; sleep 0.2; done
    wrk -t1 -c"$conns" -d"${secs}s" -s "$root/bench/report.lua" http://127.0.0.1:18095 >/dev/null 2>&1
    c0=$(cpu $pid)
    line="$(wrk -t1 -c"$conns" -d"${secs}s" -s "$root/bench/report.lua" http://127.0.0.1:18095 | tail -1)"
    c1=$(cpu $pid)
    acked=$(sed -E 's/.*acknowledged=([0-9]+).*/\1/' <<<"$line")
    echo "round $round $mode: $line server_cpu_us_per_req=$(awk -v a="$c0" -v b="$c1" -v n="$acked" 'BEGIN {printf "%.1f", (b-a)*1e6/n}')"
    kill $pid; wait $pid 2>/dev/null || true
  done
done
