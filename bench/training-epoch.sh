#!/usr/bin/env bash
# One local epoch of tribuo-logistic on a Fashion-MNIST shard (6,000 images, the node trains on its 4,800-row
# split) through a real node's POST /training/steps, against the same epoch called on the backend directly in
# the benchmark's JVM; prints a Markdown table (see docs/performance.md). Takes about 1 to 2 minutes on 2 cores,
# and stops itself (killing the node) after --max-minutes (default 8).
#   bench/training-epoch.sh                         5 timed epochs per path after 10 warm-up epochs
#   bench/training-epoch.sh --reps 9 --warmup 15    more
#   bench/training-epoch.sh --help                  every option
# Finds a JDK >= 21 like ./grid does, and builds (mvn package -DskipTests) when the jars are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_NAME=training-epoch
# shellcheck source=bench/prepare-run.sh
. "$ROOT/bench/prepare-run.sh"

# The node runs on the same JDK with -XX:+UseSerialGC (the launcher's choice); so does the direct path here,
# so that the two epochs differ by the endpoint, not by the collector.
status=0
"$JAVA_HOME/bin/java" -Xmx1g -Xss512k -XX:+UseSerialGC -Dgrid.dist="$RUN/dist" -Djava.io.tmpdir="$RUN" \
  -cp "$RUN/grid-bench.jar" org.gridplatform.bench.TrainingEpochBenchmark \
  --log "$ROOT/bench/target/training-epoch-node.log" "$@" || status=$?
exit "$status"
