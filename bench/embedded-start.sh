#!/usr/bin/env bash
# Runs the in-process start benchmark (EmbeddedStartBench): fresh JVMs that open Assistants4j.embedded() and stream
# their first run, cold (new data dir) and warm (existing one), against a JVM that only starts; records its report in
# bench/RESULTS.md (replacing the previous "embedded-start" section), with the machine, the JDK and this command.
#   bench/embedded-start.sh                     the recorded configuration (5 samples per case, about a minute)
#   bench/embedded-start.sh --iterations 10     any EmbeddedStartBench option (see its class doc); still recorded
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main embedded-start "Java SDK in-process: process start to the first run (EmbeddedStartBench)" dev.assistants4j.bench.EmbeddedStartBench "$@"
