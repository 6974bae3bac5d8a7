# Shared by the benchmark scripts (bench/*.sh); they source it. It sets BENCH,
# ROOT, JAR and RESULTS, and offers:
#   bench_build                         pick a JDK >= 21 (as ./assistants4j does) and build bench/target/assistants4j-bench.jar
#   bench_java CLASS [args...]          run a class of that jar with the benchmarks' JVM options
#   bench_start                         bench_build, then set REPORT to a temporary file removed on exit
#   bench_main NAME TITLE CLASS [args...]
#                                       bench_start, run CLASS with the script's args into REPORT (and the terminal),
#                                       then bench_record it as NAME under TITLE
#   bench_main_checked NAME TITLE CLASS [args...]
#                                       the same for a bench that exits non-zero when a check found something: its
#                                       report is recorded all the same (unless empty: the bench itself broke) and the
#                                       script exits with the bench's status
#   bench_record NAME TITLE REPORT [script args...]
#                                       replace the NAME section of bench/RESULTS.md with REPORT under TITLE, with the
#                                       date, the exact command, the commit, the machine, the load and the JDK;
#                                       skipped when BENCH_NO_RECORD=1
# Environment: BENCH_JAVA_OPTS (extra JVM options), ASSISTANTS4J_LOG_LEVEL (default WARN), BENCH_NO_RECORD=1,
# ASSISTANTS4J_VECTOR_SIMD=1 (Lucene's SIMD vector scoring, as for the launcher).
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
JAR="$BENCH/target/assistants4j-bench.jar"
RESULTS="$BENCH/RESULTS.md"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
export ASSISTANTS4J_LOG_LEVEL="${ASSISTANTS4J_LOG_LEVEL:-WARN}"
# shellcheck disable=SC2206 # BENCH_JAVA_OPTS is a list of options
JAVA_OPTS=(${BENCH_JAVA_OPTS:-})

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

bench_build() {
  find_jdk
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ] || export MAVEN_OPTS="${MAVEN_OPTS/--sun-misc-unsafe-memory-access=allow/}"
  echo "bench: building (mvn -pl bench -am package)..." >&2
  (cd "$ROOT" && mvn -B -ntp -q -pl bench -am package -DskipTests -Dspotless.skip=true >&2)
}

# Native code (SQLite, ONNX Runtime); Lucene's SIMD vector scoring only with ASSISTANTS4J_VECTOR_SIMD=1, as the
# launcher does (the JVM's note that an incubator module is in use goes to stderr and is dropped).
bench_java() {
  local vector=()
  [ "${ASSISTANTS4J_VECTOR_SIMD:-0}" = 1 ] && vector=(--add-modules jdk.incubator.vector)
  "$JAVA_HOME/bin/java" "${JAVA_OPTS[@]}" --enable-native-access=ALL-UNNAMED "${vector[@]}" \
    -cp "$JAR" "$@" 2> >(grep -v '^WARNING: Using incubator modules' >&2)
}

bench_start() {
  bench_build
  REPORT="$(mktemp)"
  trap 'rm -f "$REPORT"' EXIT
}

bench_main() {
  local name="$1" title="$2" class="$3"; shift 3
  bench_start
  bench_java "$class" "$@" | tee "$REPORT"
  bench_record "$name" "$title" "$REPORT" "$@"
}

bench_main_checked() {
  local name="$1" title="$2" class="$3" status=0; shift 3
  bench_start
  bench_java "$class" "$@" | tee "$REPORT" || status=$?
  if [ -s "$REPORT" ]; then bench_record "$name" "$title" "$REPORT" "$@"; fi
  exit "$status"
}

bench_record() {
  local name="$1" title="$2" report="$3"; shift 3
  [ "${BENCH_NO_RECORD:-}" = 1 ] && return 0
  local begin="<!-- $name:begin (written by bench/$(basename "$0")) -->" end="<!-- $name:end -->"
  local command_line="bench/$(basename "$0")${*:+ $*}"
  [ -n "${BENCH_JAVA_OPTS:-}" ] && command_line="BENCH_JAVA_OPTS='$BENCH_JAVA_OPTS' $command_line"
  local commit; commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [ "$commit" != unknown ] && [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -n1)" ]; then
    commit="$commit (with uncommitted changes)"
  fi
  local load_after; load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  {
    echo "$begin"
    echo "## $title"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Command (from the repository root): \`$command_line\`"
    echo "- Commit: $commit"
    echo "- Machine: \`$(uname -a)\`"
    echo "- CPUs: $(nproc) × $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1); memory $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load average (1/5/15 min) before the build: $LOAD_BEFORE; after the run: $load_after"
    echo "- JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p) ($JAVA_HOME)"
    echo
    cat "$report"
    echo "$end"
  } > "$report.section"
  if [ -f "$RESULTS" ] && grep -qF "$begin" "$RESULTS"; then
    awk -v begin="$begin" -v end="$end" -v section="$report.section" '
      $0 == begin { while ((getline line < section) > 0) print line; skipping = 1; next }
      skipping && $0 == end { skipping = 0; next }
      !skipping { print }' "$RESULTS" > "$report.md"
  else
    { [ -f "$RESULTS" ] && cat "$RESULTS" && echo; cat "$report.section"; } > "$report.md"
  fi
  cat "$report.md" > "$RESULTS"
  rm -f "$report.section" "$report.md"
  echo "bench: recorded in bench/RESULTS.md" >&2
}
