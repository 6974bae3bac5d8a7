#!/usr/bin/env bash
# Runs the cancel benchmark (CancelBench: two nodes on one PostgreSQL database; how long a cancel takes to end a run
# when sent to the node executing it and when sent to the other node) and records its report in bench/RESULTS.md.
#   bench/cancel.sh                 the recorded configuration: 60 runs per case, a fresh schema on 127.0.0.1:5432
#   bench/cancel.sh --runs 20       any CancelBench option; still recorded
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main cancel "Cancel across nodes on PostgreSQL (CancelBench)" dev.assistants4j.bench.CancelBench "$@"
