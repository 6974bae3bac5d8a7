#!/usr/bin/env bash
# Runs the PostgreSQL blob benchmark (BlobBench: one 512 MiB blob put into and read back from PostgreSQL with a
# 256 MiB heap, timed, with the heap's peak and the garbage collections) and records its report in bench/RESULTS.md
# (replacing the previous "blobs" section), with the machine, the JDK and this exact command.
#   bench/blobs.sh                        the recorded configuration: 512 MiB, a fresh schema on 127.0.0.1:5432
#   bench/blobs.sh --mib 64               any BlobBench option (--mib N, --database URL); still recorded
# Needs the PostgreSQL server the tests use (127.0.0.1:5432, user postgres, trust; A4J_TEST_POSTGRES names another).
# Environment: see bench/lib.sh (BENCH_JAVA_OPTS, ASSISTANTS4J_LOG_LEVEL, BENCH_NO_RECORD=1 to only print).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The heap is half the blob: the store must stream it. Later options win, so BENCH_JAVA_OPTS can still change it.
JAVA_OPTS=(-Xmx256m "${JAVA_OPTS[@]}")
bench_main blobs "File content in PostgreSQL: one 512 MiB blob (BlobBench)" dev.assistants4j.bench.BlobBench "$@"
