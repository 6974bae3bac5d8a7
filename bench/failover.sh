#!/usr/bin/env bash
# Runs the failover benchmark (FailoverBench): the success rate of runs while one of two deployments of their model
# fails half its calls, with the router and with that deployment alone, and records its report in
# bench/RESULTS.md (replacing the previous "failover" section), with the machine, the JDK and this exact command.
#   bench/failover.sh                      the recorded configuration (a few minutes)
#   bench/failover.sh --iterations 300     any FailoverBench option (see its class doc); still recorded
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main failover "Runs while one of two deployments fails half its calls (FailoverBench)" dev.assistants4j.bench.FailoverBench "$@"
