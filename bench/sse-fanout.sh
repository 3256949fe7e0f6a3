#!/usr/bin/env bash
# Many viewers on the live stream: starts Epicenter (embedded store, temporary data directory),
# opens N streams on /api/v1/events, records for S seconds how each detection tick (every 10 s) fans
# out to them, then prints the server's heap and resident memory with N streams open.
# Usage: bench/sse-fanout.sh [streams] [seconds]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
streams="${1:-2000}"; secs="${2:-60}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
(cd "$root" && ./mvnw -q -B -DskipTests package >/dev/null 2>&1)
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
"$java" -jar "$root/server/target/epicenter.jar" serve --host 127.0.0.1 --port 18093 --data "$work/data" >"$work/epi.log" 2>&1 &
epi=$!
for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:18093/ && break; sleep 0.2; done
echo "machine: $(nproc) cores, $(uname -r), $($java -version 2>&1 | head -1)"
rss() { awk '/VmRSS/ {print $2/1024 " MB"}' "/proc/$epi/status"; }
echo "server resident memory before: $(rss)"
"$java" -cp "$root/bench/target/epicenter-bench.jar" org.epicenter.bench.SseFanout http://127.0.0.1:18093 "$streams" "$secs" &
client=$!
sleep $(( secs / 2 + 10 ))
echo "server resident memory with the streams open: $(rss)"
curl -s http://127.0.0.1:18093/metrics | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {s+=$NF} /^jvm_memory_used_bytes/ && /Old Gen/ {o=$NF}
  END {printf "server heap in use: %.0f MB (old generation %.0f MB)\n", s/1048576, o/1048576}'
curl -s http://127.0.0.1:18093/metrics | awk '/^jvm_threads_live_threads/ {print "server platform threads: " $2}'
wait $client
