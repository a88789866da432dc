#!/usr/bin/env bash
# Times one health sweep of the gateway (HealthSweep over HttpNodeTransport, the code HealthMonitor runs) over
# 1,000 registered fake nodes, each on its own port of 127.0.0.1, with 0 % and 10 % of them accepting
# connections and never answering; prints a Markdown table (see docs/performance.md). Takes about 1.5 minutes
# and stops itself after --max-minutes (default 8).
#   bench/health-sweep.sh                                1,000 nodes, 0 % and 10 % silent, 20 timed sweeps each
#   bench/health-sweep.sh --nodes 100,1000 --silent 10   other counts and shares
#   bench/health-sweep.sh --help                         every option
# Finds a JDK >= 21 like ./grid does, and builds (mvn package -DskipTests) when the jars are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_NAME=health-sweep
# shellcheck source=bench/prepare-run.sh
. "$ROOT/bench/prepare-run.sh"

# The gateway's JVM options where they matter to a sweep (ServerProcess: -Xss512k, the serial collector).
# The fake nodes run in a second JVM that this one starts, so that the threads and heap measured here are the sweep's.
status=0
"$JAVA_HOME/bin/java" -Xmx256m -Xss512k -XX:+UseSerialGC -Djava.io.tmpdir="$RUN" \
  -cp "$RUN/grid-bench.jar" org.gridplatform.bench.HealthSweepBenchmark "$@" || status=$?
exit "$status"
