#!/usr/bin/env bash
# Runs the DHT simulator (DhtSimulation, under src/test): the dht plugin's real routing and lookup code
# on a simulated network of up to 10,000 nodes in one JVM, in virtual time. Prints a Markdown table.
#   plugins/discovery-dht/simulate.sh                       the full table (several minutes on 2 cores)
#   plugins/discovery-dht/simulate.sh --sizes 100,1000 --failed 0,30 --lookups 500 --latency 20-200 --loss 0.01
set -euo pipefail

MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$MODULE/../.." && pwd)"

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
  echo "simulate: no JDK 21 or newer found (JAVA_HOME or /usr/lib/jvm); install one, e.g. apt-get install -y openjdk-21-jdk" >&2
  exit 1
fi
export JAVA_HOME="$JDK"

if ! command -v mvn >/dev/null 2>&1; then
  echo "simulate: Maven (mvn) is needed to compile the simulator; install it, e.g. apt-get install -y maven" >&2
  exit 1
fi
echo "simulate: compiling grid-api and the dht plugin with its tests (mvn test-compile)..." >&2
(cd "$ROOT" && mvn -B -q -pl plugins/discovery-dht -am test-compile)

exec "$JDK/bin/java" -Xmx4g \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$ROOT/grid-api/target/classes" \
  org.gridplatform.plugin.discovery.dht.DhtSimulation "$@"
