#!/usr/bin/env bash
# Runs the chunk index benchmark (IndexBench: recall and latency of the hybrid Lucene index on 100,000 synthetic
# chunks) and records its report in bench/RESULTS.md (replacing the previous "index-search" section), with the
# machine, the JDK and this exact command.
#   bench/index.sh                        the recorded configuration (about 4 minutes, most of it the build)
#   bench/index.sh --candidates 50,100    any IndexBench option (see bench/README.md); still recorded
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main index-search "Hybrid chunk index: recall and search latency (IndexBench)" dev.assistants4j.bench.IndexBench "$@"
