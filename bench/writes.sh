#!/usr/bin/env bash
# Runs the durable message-write benchmark (MessageWriteBench: POST /v1/threads/{id}/messages at concurrency 16, on
# SQLite and on PostgreSQL side by side in one JVM, measured in alternating rounds; p50/p90/p99 and the maximum) and records its report in
# bench/RESULTS.md (replacing the previous "writes" section), with the machine, the JDK and this exact command.
#   bench/writes.sh                         the recorded configuration: concurrency 16, 3 rounds of 2000 writes each
#   bench/writes.sh --databases sqlite      SQLite only (no PostgreSQL needed, a short run)
#   bench/writes.sh --writes 500 --rounds 2 any MessageWriteBench option (--concurrency, --warmup, --database-url URL)
# Needs the PostgreSQL server the tests use (127.0.0.1:5432, user postgres, trust; A4J_TEST_POSTGRES names another):
# a fresh schema is made for the run and dropped afterwards, unless --database-url names a database.
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main writes "Durable message writes on SQLite and PostgreSQL (MessageWriteBench)" dev.assistants4j.bench.MessageWriteBench "$@"
