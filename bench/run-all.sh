#!/usr/bin/env bash
# Runs every benchmark once: builds the distribution and the bench tools, then
# http-overhead, cold-start, memory and connectors, one after the other (never in parallel: 2 cores).
# Results: bench/target/results/*.txt (human) and *.tsv. Each step is bounded by `timeout`
# and stops whatever it started, even on failure.
#
# Env: SKIP_BUILD=1 to reuse an existing distribution tar.gz and bench jar; every step's own
# variables (see the header of each run.sh) pass through.
set -euo pipefail
cd "$(dirname "$0")"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  export BENCH_BUILD=1
  # -Pbench adds bench/connectors to the reactor (built against the fresh modules, not installed).
  (cd .. && mvn -B -q -Pbench package -DskipTests)
  (cd http-overhead && mvn -B -q package)
  (cd bare-servlet && mvn -B -q package)
fi
export BENCH_BUILD=0

status=0
timeout 900 ./http-overhead/run.sh || { echo "http-overhead FAILED ($?)" >&2; status=1; }
timeout 900 ./cold-start/run.sh    || { echo "cold-start FAILED ($?)" >&2; status=1; }
timeout 600 ./memory/run.sh        || { echo "memory FAILED ($?)" >&2; status=1; }
timeout 600 ./connectors/run.sh    || { echo "connectors FAILED ($?)" >&2; status=1; }
timeout 600 ./links/run.sh         || { echo "links FAILED ($?)" >&2; status=1; }
echo "results in $(pwd)/target/results" >&2
exit "$status"
