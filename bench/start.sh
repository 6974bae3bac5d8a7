#!/usr/bin/env bash
# Runs the server start benchmark (StartBench): `./assistants4j serve` spawned several times on an existing data dir,
# to readiness, with its RSS and its first requests against the 100th; against a JVM that only starts. Records its
# report in bench/RESULTS.md (replacing the previous "start" section), with the machine, the JDK and this command.
#   bench/start.sh                       the recorded configuration (5 starts, 100 requests of each kind, 10 s idle;
#                                        about 2 minutes, plus the launcher's one-off work at the first start)
#   bench/start.sh --iterations 3        any StartBench option (see its class doc); still recorded
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS applies to the bench JVM, not the server; BENCH_NO_RECORD=1).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$ROOT" # StartBench spawns ./assistants4j
bench_main start "Server start: \`./assistants4j serve\` to readiness, RSS, first requests (StartBench)" \
  dev.assistants4j.bench.StartBench "$@"
