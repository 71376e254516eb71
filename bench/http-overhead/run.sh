#!/usr/bin/env bash
# HTTP overhead: authenticated GET /api/v1/health on the running distribution ("full") versus a
# bare Jetty 9.4 handler answering the same JSON in its own JVM with the distribution's heap flags
# ("bare"), measured in the same run by the same load generator, alternating over rounds.
#
# With BREAKDOWN=1 (default) two more targets on the distribution show where the cost goes:
#   anon: GET /api/v1/health without a token (no token lookup, still the database health check)
#   live: GET /api/v1/health/live with the token (token lookup, no database health check)
#
# Before round 1 every target gets PREWARM unmeasured seconds (JIT); then, per round and target,
# WARMUP unmeasured seconds and DURATION measured seconds.
#
# Env: CONCURRENCY (8) PREWARM (10) WARMUP (5) DURATION (20) ROUNDS (2) BREAKDOWN (1)
#      BENCH_HTTP_PORT (28181) BENCH_BARE_PORT (18181)
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

CONCURRENCY=${CONCURRENCY:-8}
PREWARM=${PREWARM:-10}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-20}
ROUNDS=${ROUNDS:-2}
BREAKDOWN=${BREAKDOWN:-1}
OUT=$RESULTS_DIR/http-overhead.txt
TSV=$RESULTS_DIR/http-overhead.tsv

ensure_dist
ensure_http_jar
require_ports_free "$BARE_PORT"

note=$(machine_note)
unpack_dist "$WORK_DIR/http"
home=$KARAF_HOME
opts=$(dist_java_opts "$home")
log "starting the distribution"
start_karaf "$home"
code=$(wait_http "http://127.0.0.1:$HTTP_PORT/api/v1/health" 180) || die "distribution not healthy in 180 s ($code)"
secret=$(provision_token)
log "token provisioned; starting bare Jetty on $BARE_PORT with: $opts"

targets=(--target=full="http://127.0.0.1:$HTTP_PORT/api/v1/health"
         --target=bare="http://127.0.0.1:$BARE_PORT/api/v1/health")
if [ "$BREAKDOWN" = 1 ]; then
  targets+=(--target=anon="http://127.0.0.1:$HTTP_PORT/api/v1/health"
            --target=live="http://127.0.0.1:$HTTP_PORT/api/v1/health/live")
fi
auth="Authorization: Bearer $secret"
max_life=$(( (PREWARM + (WARMUP + DURATION) * ROUNDS) * ${#targets[@]} + 120 ))
# shellcheck disable=SC2086
java $opts -cp "$HTTP_JAR" org.socialweave.bench.BareServer "$BARE_PORT" "$max_life" \
  >"$WORK_DIR/bare.log" 2>&1 &
EXTRA_PIDS+=("$!")
wait_http "http://127.0.0.1:$BARE_PORT/api/v1/health" 30 >/dev/null || die "bare Jetty did not start"

log "load: $CONCURRENCY workers, ${PREWARM}s prewarm, then ${WARMUP}s warm-up + ${DURATION}s per target, $ROUNDS round(s)"
{
  echo "# http-overhead, $note"
  echo "# full: distribution $HTTP_PORT /api/v1/health with a Bearer token (VIEWER); bare: Jetty 9.4.58 handler $BARE_PORT, same request"
  echo "# anon: /api/v1/health without token; live: /api/v1/health/live with token; server JVM flags: $opts"
  timeout $(( max_life + 60 )) java -Xms64m -Xmx256m -XX:+UseSerialGC -cp "$HTTP_JAR" org.socialweave.bench.LoadGen \
    "${targets[@]}" \
    --header-for=full="$auth" --header-for=bare="$auth" --header-for=live="$auth" \
    --concurrency="$CONCURRENCY" --prewarm="$PREWARM" --warmup="$WARMUP" --duration="$DURATION" --rounds="$ROUNDS" \
    --out="$TSV"
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
log "results: $OUT"
