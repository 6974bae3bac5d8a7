#!/usr/bin/env bash
# Runs the file_search ingestion benchmark (IngestBench: a 1 MB text file uploaded to a real server and added to a
# vector store, timed until the vector store file is completed; cold and warm) and records its report in
# bench/RESULTS.md (replacing the previous "ingest" section), with the machine, the JDK, the load average at the
# start and at the end, and this exact command.
#   bench/ingest.sh                       the recorded configuration (the build, then about 3 minutes on 2 cores)
#   bench/ingest.sh --warm-runs 3         any IngestBench option (see bench/README.md); still recorded
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_main ingest "file_search ingestion of a 1 MB text file (IngestBench)" dev.assistants4j.bench.IngestBench "$@"
