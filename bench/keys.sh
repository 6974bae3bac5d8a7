#!/usr/bin/env bash
# Runs the virtual-key overhead benchmark (KeyOverheadBench): the chat-completions relay and a run's first delta with a
# key made by /key/generate (model list, budget, rpm/tpm/parallel limits all checked) next to the master key, and
# records its report in bench/RESULTS.md (replacing the previous "keys" section), with the machine, the JDK and this
# exact command.
#   bench/keys.sh                      the recorded configuration: concurrency 1 and 16 (about two minutes)
#   bench/keys.sh --iterations 300     any KeyOverheadBench option (see its class doc); still recorded
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main keys "Virtual keys: relay and first-delta overhead next to the master key (KeyOverheadBench)" dev.assistants4j.bench.KeyOverheadBench "$@"
