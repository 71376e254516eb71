#!/usr/bin/env bash
# Connector benchmarks, no Karaf involved (plain JVMs on 127.0.0.1):
#   1. overhead: PlatformConnector.publish of a short text through each connector against the
#      in-process network sandbox (Sandbox.start(0)) versus the same HTTP request sent raw with a
#      JDK HttpClient; closed loop, CONCURRENCY workers, PREWARM s once per network and mode, then
#      ROUNDS x (WARMUP s + DURATION s measured), modes alternating; median of rounds.
#      Target: connector >= 80 % of raw throughput (the connector layer costs < 20 %).
#   2. memory: retained heap per connected channel (ChannelContext + account rate-limit buckets)
#      for COUNTS channels. Target: < 10 KB per channel.
#
# Builds bench/connectors and the reactor modules it needs with `mvn -Pbench ... -am package`
# (never install) when the jar is missing or BENCH_BUILD=1.
#
# Env: CONCURRENCY (8) PREWARM (5) WARMUP (2) DURATION (8) ROUNDS (3) COUNTS (10000,50000)
#      SANDBOX_NODELAY=0 (turns TCP_NODELAY off again: Sandbox.start sets
#      sun.net.httpserver.nodelay=true itself unless the property is given; see bench/README.md)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"

CONCURRENCY=${CONCURRENCY:-8}
PREWARM=${PREWARM:-5}
WARMUP=${WARMUP:-2}
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-3}
COUNTS=${COUNTS:-10000,50000}
SANDBOX_NODELAY=${SANDBOX_NODELAY:-1}
NETWORKS=5 # entries in Targets.ALL, for the time limit
JAR=$HERE/target/bench-connectors.jar

if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then
  log "building bench/connectors and its reactor dependencies (package, -DskipTests)"
  (cd "$REPO_DIR" && mvn -B -q -Pbench -pl bench/connectors -am package -DskipTests) \
    || die "bench/connectors build failed"
fi
CP="$JAR:$HERE/target/lib/*"
note=$(machine_note)
commit=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
nodelay=()
[ "$SANDBOX_NODELAY" = 0 ] && nodelay=(-Dsun.net.httpserver.nodelay=false)

OUT=$RESULTS_DIR/connectors-overhead.txt
max_life=$(( (PREWARM * 2 + (WARMUP + DURATION) * 2 * ROUNDS) * NETWORKS * 3 / 2 + 120 ))
log "overhead: $CONCURRENCY workers, ${PREWARM}s prewarm, $ROUNDS x (${WARMUP}s + ${DURATION}s) per network and mode"
{
  echo "# connectors-overhead, $note, commit $commit"
  echo "# JVM: -Xms512m -Xmx512m -XX:+UseSerialGC ${nodelay[*]:-} (sandbox, connectors and raw client in one JVM)"
  timeout "$max_life" java -Xms512m -Xmx512m -XX:+UseSerialGC "${nodelay[@]}" -cp "$CP" \
    org.socialweave.bench.connectors.ConnectorOverhead \
    --concurrency="$CONCURRENCY" --prewarm="$PREWARM" --warmup="$WARMUP" --duration="$DURATION" \
    --rounds="$ROUNDS" --out="$RESULTS_DIR/connectors-overhead.tsv" 2>&1
} | tee "$OUT"

OUT=$RESULTS_DIR/connectors-memory.txt
log "memory per channel: $COUNTS channels"
{
  echo "# connectors-memory, $note, commit $commit"
  echo "# JVM: -Xms1g -Xmx1g -XX:+UseSerialGC; retained = used heap after 5 x System.gc(), after minus before"
  timeout 300 java -Xms1g -Xmx1g -XX:+UseSerialGC -cp "$CP" \
    org.socialweave.bench.connectors.ChannelMemory --counts="$COUNTS" \
    --out="$RESULTS_DIR/connectors-memory.tsv" 2>&1
} | tee "$OUT"
log "results: $RESULTS_DIR/connectors-{overhead,memory}.{txt,tsv}"
