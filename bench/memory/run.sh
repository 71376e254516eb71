#!/usr/bin/env bash
# Memory: resident set size (ps rss) and heap (jcmd GC.heap_info) of the distribution's JVM
#   1. after boot: fresh unpack, first 200 on /api/v1/health, admin login + workspace + token,
#      then SETTLE seconds idle
#   2. after LOAD seconds of the http-overhead load (authenticated GET /api/v1/health,
#      CONCURRENCY keep-alive workers)
# Target: < 400 MB RSS.
#
# Env: SETTLE (10) LOAD (60) CONCURRENCY (8) BENCH_HTTP_PORT (28181)
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

SETTLE=${SETTLE:-10}
LOAD=${LOAD:-60}
CONCURRENCY=${CONCURRENCY:-8}
OUT=$RESULTS_DIR/memory.txt
TSV=$RESULTS_DIR/memory.tsv

ensure_dist
ensure_http_jar

note=$(machine_note)
unpack_dist "$WORK_DIR/memory"
home=$KARAF_HOME
start_karaf "$home"
code=$(wait_http "http://127.0.0.1:$HTTP_PORT/api/v1/health" 180) || die "distribution not healthy in 180 s ($code)"
secret=$(provision_token)
pid=$(karaf_pid "$home")
log "booted (pid $pid); settling ${SETTLE}s"
sleep "$SETTLE"

snapshot() { # label -> "rss_mib heap_used_kib heap_total_kib metaspace_used_kib"
  local rss heap
  rss=$(ps -o rss= -p "$pid" | tr -d ' ')
  heap=$(timeout 30 jcmd "$pid" GC.heap_info 2>/dev/null | tail -n +2)
  {
    echo "## $1: RSS $((rss / 1024)) MiB"
    echo "$heap"
  } >>"$OUT.detail"
  local used total meta
  # Sum over the generations (Serial: "def new generation" + "tenured generation"; G1: one line).
  total=$(echo "$heap" | grep -E 'generation|garbage-first heap' | sed -n 's/.*total \([0-9]*\)K, used \([0-9]*\)K.*/\1/p' | awk '{s+=$1} END {print s+0}')
  used=$(echo "$heap" | grep -E 'generation|garbage-first heap' | sed -n 's/.*total \([0-9]*\)K, used \([0-9]*\)K.*/\2/p' | awk '{s+=$1} END {print s+0}')
  meta=$(echo "$heap" | sed -n 's/.*Metaspace *used \([0-9]*\)K.*/\1/p' | head -1)
  echo "$1	$((rss / 1024))	$((used / 1024))	$((total / 1024))	$((meta / 1024))"
}

: >"$OUT.detail"
after_boot=$(snapshot after-boot)
log "after boot: $after_boot"

log "load: ${LOAD}s, $CONCURRENCY workers on authenticated /api/v1/health"
timeout $(( LOAD + 60 )) java -Xms64m -Xmx256m -XX:+UseSerialGC -cp "$HTTP_JAR" org.socialweave.bench.LoadGen \
  --target=full="http://127.0.0.1:$HTTP_PORT/api/v1/health" \
  --header="Authorization: Bearer $secret" \
  --concurrency="$CONCURRENCY" --warmup=0 --duration="$LOAD" --rounds=1 >"$WORK_DIR/memory-load.txt"
grep '^TOTAL' "$WORK_DIR/memory-load.txt" >&2 || true
after_load=$(snapshot after-load)
log "after load: $after_load"

{
  echo "# memory, $note"
  echo "# JVM flags: $(dist_java_opts "$home")"
  echo "# load: $(grep '^TOTAL' "$WORK_DIR/memory-load.txt" || echo '?')"
  echo "point	rss_mib	heap_used_mib	heap_committed_mib	metaspace_used_mib"
  echo "$after_boot"
  echo "$after_load"
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
grep -v '^#' "$OUT" >"$TSV"
echo "# jcmd GC.heap_info detail: $OUT.detail" >&2
