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

java_major() {  # prints the major version of the java executable $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

find_jdk() {  # JAVA_HOME if it is >= 21, else the newest JDK >= 21 under /usr/lib/jvm
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major="$(java_major "$JAVA_HOME/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$JAVA_HOME"; return; fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate="${candidate%/}"
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(java_major "$candidate/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  [ -n "$best" ] && echo "$best"
}

JDK="$(find_jdk || true)"
if [ -z "$JDK" ]; then
  echo "search-fanout: no JDK 21 or newer found (JAVA_HOME or /usr/lib/jvm); install one, e.g. apt-get install -y openjdk-21-jdk" >&2
  exit 1
fi
export JAVA_HOME="$JDK"

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
