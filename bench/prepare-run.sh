# Sourced by the benchmark scripts (not run on its own). Sets JAVA_HOME to ./grid's JDK (>= 21), builds the
# project when the jars are missing, and copies the benchmark jar and the distribution into a private run
# directory $RUN, removed on exit: a rebuild while a benchmark runs (mvn package rewrites the jars) would
# otherwise pull classes or WARs from under the running JVMs.
# Expects: ROOT (the repository) and BENCH_NAME (for messages).

DIST="$ROOT/grid-client/target/dist"
JAR="$ROOT/bench/target/grid-bench.jar"

if ! JAVA_HOME="$("$ROOT/grid" --java-home)"; then
  exit 1
fi
export JAVA_HOME

needs_build=0
for f in "$JAR" "$DIST/payara-micro.jar" "$DIST/grid-gateway.war" "$DIST/grid-node.war"; do
  [ -f "$f" ] || needs_build=1
done
if [ "$needs_build" = 1 ]; then
  echo "$BENCH_NAME: building (mvn -B -q package -DskipTests)..." >&2
  (cd "$ROOT" && mvn -B -q package -DskipTests) >&2
fi

mkdir -p "$ROOT/bench/target"
RUN="$(mktemp -d "$ROOT/bench/target/run.XXXXXX")"
trap 'rm -rf "$RUN"' EXIT
mkdir -p "$RUN/dist"
cp "$JAR" "$RUN/grid-bench.jar"
# Distribution.locate() wants all three beside each other, whichever servers a benchmark starts.
cp "$DIST/payara-micro.jar" "$DIST/grid-gateway.war" "$DIST/grid-node.war" "$RUN/dist/"
