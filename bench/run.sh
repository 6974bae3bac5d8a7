#!/usr/bin/env bash
# Runs the first-delta latency benchmark and records its report in bench/RESULTS.md (replacing the previous
# "first-delta" section), with the machine, the JDK and this exact command.
#   bench/run.sh                      the recorded configuration: concurrency 1 and 64 (about a minute)
#   bench/run.sh --iterations 300     any FirstDeltaBench option (see bench/README.md); still recorded
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main first-delta "Time to the first thread.message.delta (FirstDeltaBench)" dev.assistants4j.bench.FirstDeltaBench "$@"
