#!/usr/bin/env bash
# Runs the chat-completions relay benchmark (RelayBench: the server's own /v1/chat/completions against the same call
# straight to a zero-delay fake upstream, non-streamed and streamed to the first chunk, at concurrency 1 and 32, with
# the server in a JVM of its own and its CPU per relayed request) and records its report in bench/RESULTS.md
# (replacing the previous "relay" section), with the machine, the JDK and this exact command.
#   bench/relay.sh                          the recorded configuration (about a minute)
#   bench/relay.sh --iterations 300         any RelayBench option (--warmup, --concurrent-iterations, --concurrency 1,32)
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print), and
# BENCH_SERVER_JAVA_OPTS: JVM options of the server's JVM (e.g. a profiler agent).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main relay "Chat-completions relay overhead and server CPU (RelayBench)" dev.assistants4j.bench.RelayBench "$@"
