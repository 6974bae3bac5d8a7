#!/usr/bin/env bash
# Runs the concurrent-streaming-runs benchmark (StreamsBench: a fake OpenAI upstream streaming N chunks D ms apart,
# the server started by ./assistants4j serve in a JVM of its own with the launcher's JVM flags, a virtual-thread load
# client admitting streaming runs at R per second up to each level, then the same client straight from the fake
# upstream as the baseline) and records its report in bench/RESULTS.md (replacing the previous "streams" section).
#   bench/streams.sh                                   levels 1000,2000,5000 at 200 runs/s, 300 chunks 100 ms apart
#   bench/streams.sh --levels 500,1000 --chunks 150    any StreamsBench option (--rate, --interval-ms, --baseline N,
#                                                      --server-jvm-options "-XX:StartFlightRecording=…")
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export BENCH_LAUNCHER="$ROOT/assistants4j"
bench_main streams "Concurrent streaming runs (StreamsBench)" dev.assistants4j.bench.StreamsBench "$@"
