#!/usr/bin/env bash
# Reports/s through 1, 2 and 3 ingest nodes of a cluster (Kafka + PostgreSQL, one detect node reading
# the log), against one node on SQLite, in one run on this machine, with wrk (Debian package).
# Then the failover: a second detect node is killed with SIGKILL and the time until the survivor has
# read every partition again is measured.
# Usage: bench/cluster-wrk.sh [seconds per run] [connections in all]
# SKIP_BUILD=1 uses the jar and classes as built; ONLY_FAILOVER=1 measures the failover alone.
# The broker and PostgreSQL are ClusterIT's (in-process Kafka test kit; PostgreSQL from TestPostgres).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-15}"; conns="${2:-64}"; warmup="${WARMUP:-15}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
token=bench-admin-token-0123456789abcdef
[[ -n "${SKIP_BUILD:-}" ]] || (cd "$root" && ./mvnw -q -B -DskipTests install >/dev/null 2>&1 \
  && ./mvnw -q -B -o -pl server dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/epicenter-bench-cp.txt >/dev/null 2>&1 \
  && ./mvnw -q -B -o -pl server test-compile >/dev/null 2>&1)
cp="$root/server/target/test-classes:$root/server/target/classes:$(cat /tmp/epicenter-bench-cp.txt)"
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null || true; sleep 1; rm -rf "$work"' EXIT

wait_port() { for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$1/healthz" && return 0; sleep 0.2; done; echo "port $1 did not open" >&2; return 1; }
"$java" -cp "$cp" org.epicenter.server.cluster.ClusterBenchEnv "$work/env" >"$work/env.log" 2>&1 &
for _ in $(seq 1 300); do [[ -f "$work/env" ]] && break; sleep 0.2; done
kafka="$(sed -n 's/^kafka=//p' "$work/env")"; pg="$(sed -n 's/^postgres=//p' "$work/env")"
echo "machine: $(nproc) cores, $(uname -r), $($java -version 2>&1 | head -1)"
echo "wrk -c$conns in all, ${secs}s after ${warmup}s warm-up; Kafka $kafka; PostgreSQL $(sed 's/?.*//' <<<"$pg")"

node() { # name port role schema [extra...]
  local name=$1 port=$2 role=$3 schema=$4; shift 4
  EPICENTER_ADMIN_TOKEN=$token "$java" ${BENCH_JAVA_OPTS:-} -jar "$root/server/target/epicenter.jar" serve \
    --host 127.0.0.1 --port "$port" --data "$work/$name" --store postgres --postgres-url "$pg" --postgres-schema "$schema" \
    --kafka "$kafka" --kafka-topic "reports.$schema" --kafka-partitions 6 --role "$role" --feeds off \
    --report-rate 100000000 --report-burst 100000000 --client-ip-header X-Forwarded-For "$@" >"$work/$name.log" 2>&1 &
  echo $!
}
drive() { # ports... -> summed acknowledged/s over the measured run
  local n=$# per=$(( conns / $# )) p
  for p in "$@"; do wrk -t1 -c"$per" -d"${warmup}s" -s "$root/bench/report.lua" "http://127.0.0.1:$p" >/dev/null 2>&1 & done; wait_wrk
  for p in "$@"; do wrk -t1 -c"$per" -d"${secs}s" -s "$root/bench/report.lua" "http://127.0.0.1:$p" | tail -1 >"$work/wrk.$p" & done; wait_wrk
  local acked=0 p99=""
  for p in "$@"; do
    acked=$(( acked + $(sed -E 's/.*acknowledged=([0-9]+).*/\1/' "$work/wrk.$p") ))
    p99="$p99 $(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' "$work/wrk.$p")"
  done
  echo "$(( acked / secs )) reports/s acknowledged (p99 ms per node:$p99)"
}
wait_wrk() { while pgrep -x wrk >/dev/null; do sleep 0.5; done; }

if [[ -z "${ONLY_FAILOVER:-}" ]]; then
# one node on SQLite, the default
EPICENTER_ADMIN_TOKEN=$token "$java" ${BENCH_JAVA_OPTS:-} -jar "$root/server/target/epicenter.jar" serve --host 127.0.0.1 --port 18090 \
  --data "$work/sqlite" --feeds off --report-rate 100000000 --report-burst 100000000 --client-ip-header X-Forwarded-For >"$work/sqlite.log" 2>&1 &
single=$!; wait_port 18090
base="$(drive 18090)"; echo "sqlite, 1 node: $base"
kill $single; wait $single 2>/dev/null || true
base_rps=${base%% *}

for n in 1 2 3; do
  schema="bench$n"
  detect=$(node "detect$n" 18100 detect "$schema"); wait_port 18100
  ports=(); pids=()
  for i in $(seq 1 "$n"); do pids+=("$(node "ingest$n-$i" $((18100 + i)) ingest "$schema")"); ports+=($((18100 + i))); done
  for p in "${ports[@]}"; do wait_port "$p"; done
  line="$(drive "${ports[@]}")"
  echo "cluster, $n ingest node(s) + 1 detect: $line; ratio to SQLite $(awk -v a="${line%% *}" -v b="$base_rps" 'BEGIN {printf "%.2f", a/b}')"
  kill "${pids[@]}" "$detect"; wait "${pids[@]}" "$detect" 2>/dev/null || true
done

fi

# failover: two detect nodes, kill -9 one, time until every partition has been read again
schema=failover
d1=$(node fo1 18111 detect "$schema"); wait_port 18111
d2=$(node fo2 18112 detect "$schema"); wait_port 18112
sleep 15 # both in the group, each with its partitions
kill -9 "$d2"; t0=$(date +%s.%N)
psql_url="$(sed -E 's#jdbc:postgresql://([^/]+)/([^?]*)\?user=([^&]*).*#postgresql://\3@\1/\2#' <<<"$pg")"
t0ms=$(awk -v t="$t0" 'BEGIN {printf "%.0f", t*1000}') # %d would be 32-bit in mawk
echo "failover: partitions of the killed node: $(grep -o 'reading report log partitions \[[^]]*\]' "$work/fo2.log" | tail -1)"
until [[ "$(psql -Atq "$psql_url" -c "SELECT COUNT(*) FILTER (WHERE caught_up > $t0ms) FROM $schema.log_checkpoints")" == 6 ]]; do sleep 0.2; done
echo "failover: every partition read again $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b-a}') s after kill -9 of a detect node"
kill "$d1"; wait "$d1" 2>/dev/null || true
