#!/usr/bin/env bash
# Content-check benchmarks (JMH, one thread, no Karaf): the full check chain with 20,000 sensitive
# words on 500-character posts and on one 100,000-character text, the sensitive-word automaton
# alone, and a naive String.contains loop over the same 20,000 words, all in the same run.
#
# Builds bench/compliance and the reactor modules it needs with `mvn -Pbench ... -am package`
# (never install) when the jar is missing or BENCH_BUILD=1.
#
# Env: WARMUPS (2) ITERATIONS (3) ITERATION_SECONDS (3); each benchmark runs twice (throughput,
# then sampled latency) in a forked JVM with -Xms512m -Xmx512m.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"

WARMUPS=${WARMUPS:-2}
ITERATIONS=${ITERATIONS:-3}
SECONDS_PER_ITERATION=${ITERATION_SECONDS:-3}
JAR=$HERE/target/bench-compliance.jar

if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then
  log "building bench/compliance and its reactor dependencies (package, -DskipTests)"
  (cd "$REPO_DIR" && mvn -B -q -Pbench -pl bench/compliance -am package -DskipTests) \
    || die "bench/compliance build failed"
fi
note=$(machine_note)
commit=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
OUT=$RESULTS_DIR/compliance.txt
# 4 benchmarks x 2 modes x (warmup + measurement) plus JVM starts, with room to spare.
max_life=$(( 8 * (WARMUPS + ITERATIONS) * SECONDS_PER_ITERATION * 2 + 300 ))
log "compliance: $WARMUPS warmups + $ITERATIONS iterations of ${SECONDS_PER_ITERATION}s per benchmark and mode"
{
  echo "# compliance, $note, commit $commit"
  timeout "$max_life" java -Xms256m -Xmx256m -cp "$JAR:$HERE/target/lib/*" \
    org.socialweave.bench.compliance.BenchMain "$WARMUPS" "$ITERATIONS" "$SECONDS_PER_ITERATION" 2>&1 \
    | grep -v '^# \(JMH\|VM\|Blackhole\|Warmup\|Measurement\|Timeout\|Threads\|Benchmark mode\|Benchmark:\|Run progress\|Fork\)' 
} | tee "$OUT"
log "results in $OUT"
