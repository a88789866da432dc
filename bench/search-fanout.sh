#!/usr/bin/env bash
# Measures POST /search latency through the real gateway WAR on Payara Micro, with fake nodes that
# answer after a delay; prints a Markdown table (see docs/performance.md). Takes about 4 minutes on 2 cores.
#   bench/search-fanout.sh                                   10, 100 and 1,000 nodes at 20 ms, plus 10 % dead
#   bench/search-fanout.sh --nodes 100 --delay 50ms          other counts and delays
#   bench/search-fanout.sh --help                            every option
# Finds a JDK >= 21 like ./grid does, and builds (mvn package -DskipTests) when the jars are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_NAME=search-fanout
# shellcheck source=bench/prepare-run.sh
. "$ROOT/bench/prepare-run.sh"

# The gateway runs on the same JDK (the launcher starts Payara Micro with this process's java).
status=0
"$JAVA_HOME/bin/java" -Xmx512m -Dgrid.dist="$RUN/dist" -Djava.io.tmpdir="$RUN" \
  -jar "$RUN/grid-bench.jar" --log "$ROOT/bench/target/search-fanout-gateway.log" "$@" || status=$?
exit "$status"
