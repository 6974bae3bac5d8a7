#!/usr/bin/env bash
# Runs the provider-adapter first-delta benchmark (AdapterFirstDeltaBench): a run's first delta through the
# OpenAI-compatible, native Anthropic and native Gemini adapters against one fake upstream, and records its report in
# bench/RESULTS.md (replacing the previous "adapters" section), with the machine, the JDK and this exact command.
#   bench/adapters.sh                      the recorded configuration (about a minute)
#   bench/adapters.sh --iterations 300     any AdapterFirstDeltaBench option (see its class doc); still recorded
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main adapters "Time to the first delta through each provider adapter (AdapterFirstDeltaBench)" dev.assistants4j.bench.AdapterFirstDeltaBench "$@"
