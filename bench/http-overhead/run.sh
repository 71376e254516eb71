#!/usr/bin/env bash
# HTTP overhead: authenticated GET /api/v1/health on the running distribution ("full") versus
#   servlet: a plain servlet registered through the OSGi HTTP whiteboard in the SAME Karaf JVM,
#            behind the same Pax Web Jetty connector and port (bench/bare-servlet, dropped into
#            deploy/ after boot), answering the same JSON at /bench/bare: the headline baseline;
#   bare:    a bare Jetty 9.4 handler answering the same JSON in its own JVM with the
#            distribution's heap flags: an extra reference, no OSGi/Pax Web at all.
# All measured in the same run by the same load generator with the same headers (the
# Authorization header included), alternating over rounds.
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
ensure_bare_servlet
require_ports_free "$BARE_PORT"

note=$(machine_note)
unpack_dist "$WORK_DIR/http"
home=$KARAF_HOME
opts=$(dist_java_opts "$home")
log "starting the distribution"
start_karaf "$home"
code=$(wait_http "http://127.0.0.1:$HTTP_PORT/api/v1/health" 180) || die "distribution not healthy in 180 s ($code)"
secret=$(provision_token)

# Same-JVM baseline: Karaf's deployer (fileinstall) picks the bundle up from deploy/.
log "token provisioned; deploying bench/bare-servlet into $home/deploy"
cp "$BARE_SERVLET_JAR" "$home/deploy/"
code=$(wait_http "http://127.0.0.1:$HTTP_PORT/bench/bare" 60) || die "/bench/bare not 200 in 60 s ($code)"
servlet_body=$(curl -s -m 5 "http://127.0.0.1:$HTTP_PORT/bench/bare")
full_body=$(curl -s -m 5 -H "Authorization: Bearer $secret" "http://127.0.0.1:$HTTP_PORT/api/v1/health")
[ "$servlet_body" = "$full_body" ] || die "bodies differ: /bench/bare '$servlet_body' vs /api/v1/health '$full_body'"

log "starting bare Jetty on $BARE_PORT with: $opts"
targets=(--target=full="http://127.0.0.1:$HTTP_PORT/api/v1/health"
         --target=servlet="http://127.0.0.1:$HTTP_PORT/bench/bare"
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
  echo "# http-overhead, $note, commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "# full: distribution $HTTP_PORT /api/v1/health with a Bearer token (VIEWER)"
  echo "# servlet: plain HTTP whiteboard servlet $HTTP_PORT /bench/bare in the same Karaf JVM (Pax Web Jetty), same headers"
  echo "# bare: Jetty 9.4.58 handler $BARE_PORT in its own JVM, same headers"
  echo "# anon: /api/v1/health without token; live: /api/v1/health/live with token; server JVM flags: $opts"
  timeout $(( max_life + 60 )) java -Xms64m -Xmx256m -XX:+UseSerialGC -cp "$HTTP_JAR" org.socialweave.bench.LoadGen \
    "${targets[@]}" \
    --header-for=full="$auth" --header-for=servlet="$auth" --header-for=bare="$auth" --header-for=live="$auth" \
    --concurrency="$CONCURRENCY" --prewarm="$PREWARM" --warmup="$WARMUP" --duration="$DURATION" --rounds="$ROUNDS" \
    --out="$TSV"
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
log "results: $OUT"
