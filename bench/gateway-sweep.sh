#!/usr/bin/env bash
# Watches the health sweep inside the real gateway WAR on Payara Micro (full JIT), with 1,000 fake nodes joined
# through its POST /join, 10 % of them accepting connections and never answering; reads every sweep from
# GET /nodes/health and the gateway's threads and heap from its GET /metrics; prints a Markdown table (see
# docs/performance.md). Takes about 5 minutes (a 100-node row, then a 1,000-node row, each with its own gateway)
# and stops itself after --max-minutes (default 10).
#   bench/gateway-sweep.sh                                  100 and 1,000 nodes, 10 % silent, 20 and 60 timed sweeps
#   bench/gateway-sweep.sh --nodes 1000 --sweeps 30         one row
#   bench/gateway-sweep.sh --help                           every option
# Finds a JDK >= 21 like ./grid does, and builds (mvn package -DskipTests) when the jars are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_NAME=gateway-sweep
# shellcheck source=bench/prepare-run.sh
. "$ROOT/bench/prepare-run.sh"

# The gateway runs on the same JDK (the launcher starts Payara Micro with this process's java); the fake nodes run in
# a third JVM that this one starts.
status=0
"$JAVA_HOME/bin/java" -Xmx256m -Dgrid.dist="$RUN/dist" -Djava.io.tmpdir="$RUN" \
  -cp "$RUN/grid-bench.jar" org.gridplatform.bench.GatewaySweepBenchmark \
  --log "$ROOT/bench/target/gateway-sweep-gateway.log" "$@" || status=$?
exit "$status"
