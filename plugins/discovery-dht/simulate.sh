#!/usr/bin/env bash
# Runs the DHT simulator (DhtSimulation, under src/test): the dht plugin's real routing and lookup code
# on a simulated network of up to 10,000 nodes in one JVM, in virtual time; prints a Markdown table
# (see docs/performance.md). Takes about 4 minutes on 2 cores.
#   plugins/discovery-dht/simulate.sh                       100, 1,000 and 10,000 nodes; 0, 10 and 30 % failed
#   plugins/discovery-dht/simulate.sh --sizes 100,1000 --failed 0,30 --lookups 500 --latency 20-200 --loss 0.01
# Finds a JDK >= 21 like ./grid does, and compiles the module and its tests (mvn test-compile) first.
set -euo pipefail

MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$MODULE/../.." && pwd)"

# The same JDK as ./grid (JAVA_HOME if >= 21, else the newest under /usr/lib/jvm).
if ! JAVA_HOME="$("$ROOT/grid" --java-home)"; then
  exit 1
fi
export JAVA_HOME

if ! command -v mvn >/dev/null 2>&1; then
  echo "simulate: Maven (mvn) is needed to compile the simulator; install it, e.g. apt-get install -y maven" >&2
  exit 1
fi
echo "simulate: compiling grid-api and the dht plugin with its tests (mvn test-compile)..." >&2
(cd "$ROOT" && mvn -B -q -pl plugins/discovery-dht -am test-compile) >&2

# Run from a private copy of the classes, so that a rebuild meanwhile cannot pull them from under the JVM.
COPY="$(mktemp -d "${TMPDIR:-/tmp}/grid-dht-simulation.XXXXXX")"
trap 'rm -rf "$COPY"' EXIT
cp -r "$MODULE/target/test-classes" "$COPY/test-classes"
cp -r "$MODULE/target/classes" "$COPY/classes"
cp -r "$ROOT/grid-api/target/classes" "$COPY/grid-api"

"$JAVA_HOME/bin/java" -Xmx4g -cp "$COPY/test-classes:$COPY/classes:$COPY/grid-api" \
  org.gridplatform.plugin.discovery.dht.DhtSimulation "$@"
