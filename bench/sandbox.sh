#!/usr/bin/env bash
# Runs the code interpreter sandbox benchmark (SandboxBench: new-session start latency with and without the warm
# interpreter, and two typical executions) and records its report in bench/RESULTS.md (replacing the previous
# "sandbox" section), with the machine, the JDK and this exact command.
#   bench/sandbox.sh                  the recorded configuration: 50 starts per mode, 20 executions per kind
#   bench/sandbox.sh --starts 10      any SandboxBench option (--starts N, --executions N) or CodeRunBench option
#                                     (--runs N, default 30); still recorded
# Needs bubblewrap and Debian's python3 with numpy, pandas and matplotlib (.ci/run installs them).
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_start
bench_java dev.assistants4j.bench.SandboxBench "$@" | tee "$REPORT"
# Then the time a code_interpreter call adds to a whole run (CodeRunBench), appended to the same section.
bench_java dev.assistants4j.bench.CodeRunBench "$@" | tee -a "$REPORT"
bench_record sandbox "Code interpreter sandbox: new-session start latency (SandboxBench)" "$REPORT" "$@"
