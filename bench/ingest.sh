#!/usr/bin/env bash
# Runs the file_search ingestion benchmark (IngestBench: a 1 MB text file uploaded to a real server and added to a
# vector store, timed until the vector store file is completed; cold and warm) and records its report in
# bench/RESULTS.md (replacing the previous "ingest" section), with the machine, the JDK, the load average at the
# start and at the end, and this exact command.
#   bench/ingest.sh                       the recorded configuration (the build, then about 3 minutes on 2 cores)
#   bench/ingest.sh --warm-runs 3         any IngestBench option (see bench/README.md); still recorded
# Environment: BENCH_JAVA_OPTS (extra JVM options), ASSISTANTS4J_LOG_LEVEL (default WARN), BENCH_NO_RECORD=1 to only print.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
JAR="$BENCH/target/assistants4j-bench.jar"
RESULTS="$BENCH/RESULTS.md"
BEGIN='<!-- ingest:begin (written by bench/ingest.sh) -->'
END='<!-- ingest:end -->'

java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

find_jdk() { # sets JAVA_HOME to a JDK >= 21 or fails clearly (same search as ./assistants4j)
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/temurin-2[1-9]-jdk-* /usr/lib/jvm/java-2[1-9]-openjdk-* /usr/lib/jvm/jdk-2[1-9]* /opt/java/openjdk)
  if command -v javac >/dev/null 2>&1; then candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"); fi
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    local major; major="$(java_major "$home/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then export JAVA_HOME="$home"; return 0; fi
  done
  echo "bench: no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm). Install one and set JAVA_HOME." >&2
  exit 1
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
find_jdk
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
[ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ] || export MAVEN_OPTS="${MAVEN_OPTS/--sun-misc-unsafe-memory-access=allow/}"
echo "bench: building (mvn -pl bench -am package)..." >&2
(cd "$ROOT" && mvn -B -ntp -q -pl bench -am package -DskipTests -Dspotless.skip=true >&2)

export ASSISTANTS4J_LOG_LEVEL="${ASSISTANTS4J_LOG_LEVEL:-WARN}"
# shellcheck disable=SC2206 # BENCH_JAVA_OPTS is a list of options
JAVA_OPTS=(${BENCH_JAVA_OPTS:-})
report="$(mktemp)"
trap 'rm -f "$report" "$report.section" "$report.md"' EXIT
# The jar's main class is FirstDeltaBench (bench/run.sh); this benchmark is selected by its class name.
# jdk.incubator.vector: Lucene's SIMD vector scoring; the JVM's note that an incubator module is in use is dropped.
"$JAVA_HOME/bin/java" "${JAVA_OPTS[@]}" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -cp "$JAR" dev.assistants4j.bench.IngestBench "$@" 2> >(grep -v '^WARNING: Using incubator modules' >&2) | tee "$report"
load_end="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
[ "${BENCH_NO_RECORD:-}" = 1 ] && exit 0

command_line="bench/ingest.sh${*:+ $*}"
[ -n "${BENCH_JAVA_OPTS:-}" ] && command_line="BENCH_JAVA_OPTS='$BENCH_JAVA_OPTS' $command_line"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ "$commit" != unknown ] && [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -n1)" ]; then
  commit="$commit (with uncommitted changes)"
fi
{
  echo "$BEGIN"
  echo "## file_search ingestion of a 1 MB text file (IngestBench)"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Command (from the repository root): \`$command_line\`"
  echo "- Commit: $commit"
  echo "- Machine: \`$(uname -a)\`"
  echo "- CPUs: $(nproc) × $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1); memory $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load average (1/5/15 min) before the build: $load_start; after the run: $load_end"
  echo "- JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p) ($JAVA_HOME)"
  echo
  cat "$report"
  echo "$END"
} > "$report.section"

if [ -f "$RESULTS" ] && grep -qF "$BEGIN" "$RESULTS"; then
  awk -v begin="$BEGIN" -v end="$END" -v section="$report.section" '
    $0 == begin { while ((getline line < section) > 0) print line; skipping = 1; next }
    skipping && $0 == end { skipping = 0; next }
    !skipping { print }' "$RESULTS" > "$report.md"
  cat "$report.md" > "$RESULTS"
else
  { [ -f "$RESULTS" ] && cat "$RESULTS" && echo; cat "$report.section"; } > "$report.md"
  cat "$report.md" > "$RESULTS"
fi
echo "bench: recorded in bench/RESULTS.md" >&2
