#!/usr/bin/env bash
# Runs the rate-limit accuracy benchmark (RateLimitBench): three server processes on one fresh PostgreSQL database, one
# virtual key per limit, chat completions offered at twice its rpm_limit (then tpm_limit) round-robin over the nodes for
# whole clock minutes; records its report in bench/RESULTS.md (replacing the previous "rate-limits" section), with the
# machine, the JDK and this exact command. About five minutes.
#   bench/rate-limits.sh                 the recorded configuration: 3 nodes, rpm 600, tpm 30000, 2 windows each
#   bench/rate-limits.sh --windows 1     any RateLimitBench option (see its class doc); still recorded
# Needs the PostgreSQL server the tests use (127.0.0.1:5432, user postgres, trust).
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main_checked rate-limits "Rate limits across three nodes (RateLimitBench)" dev.assistants4j.bench.RateLimitBench "$@"
