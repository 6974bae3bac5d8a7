#!/usr/bin/env bash
# Runs the first-delta benchmark (FirstDeltaBench) on SQLite and on PostgreSQL in the same run (a server on each, in
# one JVM, each level measured on each in turn) and records its report in bench/RESULTS.md (replacing the previous
# "first-delta-postgres" section; bench/run.sh keeps the SQLite-only "first-delta" section), with the machine, the
# JDK and this exact command.
#   bench/first-delta-postgres.sh                   the recorded configuration: concurrency 1 and 64 on both databases
#   bench/first-delta-postgres.sh --iterations 300  any FirstDeltaBench option (--database-url URL names a database)
# Needs the PostgreSQL server the tests use (127.0.0.1:5432, user postgres, trust; A4J_TEST_POSTGRES names another):
# a fresh schema is made for the run and dropped afterwards, unless --database-url names a database.
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_start
bench_java dev.assistants4j.bench.FirstDeltaBench --databases sqlite,postgresql "$@" | tee "$REPORT"
bench_record first-delta-postgres "Time to the first thread.message.delta on SQLite and PostgreSQL (FirstDeltaBench)" \
  "$REPORT" "$@"
