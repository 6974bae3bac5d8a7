#!/usr/bin/env bash
# Runs the crash test (CrashBench: tool-calling runs while the server, in its own JVM, is killed with SIGKILL at
# random moments and restarted on the same data dir) and records its report in bench/RESULTS.md (replacing the
# previous "crash" section), with the machine, the JDK and this exact command. Several minutes.
#   bench/crash.sh                    the recorded configuration: 800 conversations, 6 workers, up to 40 kills
#   bench/crash.sh --runs 50 --kills 5    any CrashBench option (see bench/README.md); still recorded
# Exits non-zero when a check found something (lost acknowledged writes, completed runs without their outputs,
# messages left in_progress, runs left non-terminal); the report is recorded all the same, and the data dir and the
# server's log are kept (their path is printed).
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main_checked crash "Crash test: kill -9 during tool-calling runs (CrashBench)" dev.assistants4j.bench.CrashBench "$@"
