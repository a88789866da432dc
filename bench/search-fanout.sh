#!/usr/bin/env bash
# Measures POST /search latency through the real gateway WAR on Payara Micro, with fake nodes that
# answer after a delay; prints a Markdown table (see docs/performance.md). Takes about 4 minutes on 2 cores.
#   bench/search-fanout.sh                                   10, 100 and 1,000 nodes at 20 ms, plus 10 % dead
#   bench/search-fanout.sh --nodes 100 --delay 50ms          other counts and delays
#   bench/search-fanout.sh --help                            every option
# Finds a JDK >= 21 like ./grid does, and builds (mvn package -DskipTests) when the jars are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/grid-client/target/dist"
JAR="$ROOT/bench/target/grid-bench.jar"

# The same JDK as ./grid (JAVA_HOME if >= 21, else the newest under /usr/lib/jvm).
if ! JAVA_HOME="$("$ROOT/grid" --java-home)"; then
  exit 1
fi
export JAVA_HOME

needs_build=0
for f in "$JAR" "$DIST/payara-micro.jar" "$DIST/grid-gateway.war"; do
  [ -f "$f" ] || needs_build=1
done
if [ "$needs_build" = 1 ]; then
  echo "search-fanout: building (mvn -B -q package -DskipTests)..." >&2
  (cd "$ROOT" && mvn -B -q package -DskipTests) >&2
fi

# Run from a private copy of the jars: a rebuild while the benchmark runs (mvn package rewrites them)
# would otherwise pull classes or the WAR from under the running JVMs.
mkdir -p "$ROOT/bench/target"
RUN="$(mktemp -d "$ROOT/bench/target/run.XXXXXX")"
trap 'rm -rf "$RUN"' EXIT
mkdir -p "$RUN/dist"
cp "$JAR" "$RUN/grid-bench.jar"
cp "$DIST/payara-micro.jar" "$DIST/grid-gateway.war" "$DIST/grid-node.war" "$RUN/dist/"

# The gateway runs on the same JDK (the launcher starts Payara Micro with this process's java).
status=0
"$JAVA_HOME/bin/java" -Xmx512m -Dgrid.dist="$RUN/dist" -Djava.io.tmpdir="$RUN" \
  -jar "$RUN/grid-bench.jar" --log "$ROOT/bench/target/search-fanout-gateway.log" "$@" || status=$?
exit "$status"
