#!/usr/bin/env bash
# Runs the chaos test (ChaosBench: 3 server processes on one fresh PostgreSQL database, streamed and function-calling
# runs spread round robin over them while random nodes are killed with SIGKILL and restarted) and records its report
# in bench/RESULTS.md (replacing the previous "chaos" section), with the machine, the JDK and this exact command.
# Needs PostgreSQL at 127.0.0.1:5432, user postgres without a password (A4J_TEST_POSTGRES=host:port for another);
# the bench creates a database a4j_chaos_<epoch> and drops it when every check passed. Several minutes.
#   bench/chaos.sh                         the recorded configuration: 400 conversations, 8 workers, 3 nodes, lease 3 s
#   bench/chaos.sh --runs 60 --lease 2     any ChaosBench option (--runs, --workers, --nodes, --lease, --data-dir)
# Exits non-zero when a check found something (lost acknowledged writes, runs left non-terminal, duplicate steps or
# messages, leftovers in progress, wrong answers, runs never taken over); the report is recorded all the same, and
# the node logs and the database are kept (their names are printed).
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main_checked chaos "Chaos test: kill -9 of random nodes of three on one PostgreSQL (ChaosBench)" dev.assistants4j.bench.ChaosBench "$@"
