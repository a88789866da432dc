#!/usr/bin/env bash
# Federated averaging of tribuo-logistic on Fashion-MNIST across 10 node processes (Payara Micro) and a gateway:
# the 60,000 training images split IID and label-skewed, the 10,000 test images held here; test accuracy per round
# against the same backend trained centrally in this process, wall time per round and the platform's share of it.
# Prints Markdown tables (see docs/performance.md). Takes 12 to 25 minutes on 2 shared cores (3 to 6 of them booting the
# 11 servers), and stops itself (killing every server) after --max-minutes (default 40).
#   bench/federated-fashion.sh                                  both splits, 10 nodes, 20 rounds, default settings
#   bench/federated-fashion.sh --mode iid --settings epochs=2   one split, other settings
#   bench/federated-fashion.sh --help                           every option
# Finds a JDK >= 21 like ./grid does, and builds (mvn package -DskipTests) when the jars are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_NAME=federated-fashion
# shellcheck source=bench/prepare-run.sh
. "$ROOT/bench/prepare-run.sh"

# This JVM is the coordinator and, once the nodes are stopped, trains the two central baselines at once (48,000
# images each, about 1 GB of Tribuo examples per step): hence the heap (peak RSS about 5.2 GB). Same collector as
# the nodes.
status=0
"$JAVA_HOME/bin/java" -Xmx5g -Xss512k -XX:+UseSerialGC -Dgrid.dist="$RUN/dist" -Djava.io.tmpdir="$RUN" \
  -cp "$RUN/grid-bench.jar" org.gridplatform.bench.FederatedFashionBenchmark \
  --log-dir "$ROOT/bench/target/federated-fashion-logs" "$@" || status=$?
exit "$status"
