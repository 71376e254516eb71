#!/usr/bin/env bash
# Cold start: time from `bin/start` on a fresh unpack (empty data/) to the first HTTP answer.
#   ours : SocialWeave distribution, first HTTP 200 on /api/v1/health (database up; admin created
#          on the empty database from SOCIALWEAVE_ADMIN_PASSWORD)
#   stock: Apache Karaf 4.4.10 tar.gz from Maven Central with `http` appended to featuresBoot,
#          first HTTP answer of any status on http://127.0.0.1:<port>/ (Pax Web's 404 counts),
#          started with the same JVM flags as ours (EXTRA_JAVA_OPTS from our bin/setenv)
# One unmeasured stock run first lets Karaf fetch the `http` feature's bundles into the local
# Maven repository (our distribution has everything in system/ already), then RUNS measured runs
# of each, alternating. Unpacking is not timed; polling is every 100 ms.
#
# Also recorded: CPU seconds (user+system) the Karaf JVM had used at that moment, a figure that
# depends less on what else the machine is doing than wall-clock time.
#
# Env: RUNS (3) BENCH_HTTP_PORT (28181) TIMEOUT (180 s per boot)
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

RUNS=${RUNS:-3}
TIMEOUT=${TIMEOUT:-180}
OUT=$RESULTS_DIR/cold-start.txt
TSV=$RESULTS_DIR/cold-start.tsv

ensure_dist
ensure_stock_karaf

# Our heap flags, to run stock Karaf with the same JVM settings.
unpack_dist "$WORK_DIR/cold/flags"
OPTS=$(dist_java_opts "$KARAF_HOME")
rm -rf "$WORK_DIR/cold/flags"

prepare_stock() {
  unpack_stock "$1"
  local cfg=$KARAF_HOME/etc/org.apache.karaf.features.cfg
  # featuresBoot ends with "kar/4.4.10": append the http feature to it.
  sed -i 's#^\(    kar/4\.4\.10\)$#\1, \\\n    http#' "$cfg"
  grep -q '^    http$' "$cfg" || die "could not add http to featuresBoot in $cfg"
}

# measure KIND DIR -> prints seconds
measure() {
  local kind=$1 dir=$2 url want t0 t1 code
  if [ "$kind" = ours ]; then
    unpack_dist "$dir"; url="http://127.0.0.1:$HTTP_PORT/api/v1/health"; want=200
  else
    prepare_stock "$dir"; url="http://127.0.0.1:$HTTP_PORT/"; want=any
  fi
  local home=$KARAF_HOME
  t0=$(now)
  if [ "$kind" = ours ]; then
    start_karaf "$home"
  else
    start_karaf "$home" EXTRA_JAVA_OPTS="$OPTS"
  fi
  code=$(wait_http "$url" "$TIMEOUT" "$want") || { stop_karaf "$home"; die "$kind: no answer in $TIMEOUT s (last $code)"; }
  t1=$(now)
  local bundles cpu
  cpu=$(cpu_seconds "$(karaf_pid "$home")" 2>/dev/null || echo NA)
  bundles=$(ls "$home/data/cache" 2>/dev/null | grep -c '^bundle' || true)
  stop_karaf "$home"
  rm -rf "$dir"
  log "$kind: $(elapsed "$t0" "$t1") s to HTTP $code ($bundles bundles, $cpu CPU s)"
  echo "$(elapsed "$t0" "$t1") $code $bundles $cpu"
}

note=$(machine_note)
log "warm-up: one unmeasured stock Karaf boot (fills the local Maven repository for 'http')"
measure stock "$WORK_DIR/cold/stock-warmup" >/dev/null

declare -a OURS STOCK
for i in $(seq 1 "$RUNS"); do
  OURS+=("$(measure ours "$WORK_DIR/cold/ours-$i")")
  STOCK+=("$(measure stock "$WORK_DIR/cold/stock-$i")")
done

stats() { # prints "median min max" of the first field of each argument
  printf '%s\n' "$@" | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f %.2f", a[int((NR+1)/2)], a[1], a[NR]}'
}
read -r om omin omax <<<"$(stats "${OURS[@]}")"
read -r sm smin smax <<<"$(stats "${STOCK[@]}")"
cpu_stats() { printf '%s\n' "$@" | awk '{print $4}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}'; }
oc=$(cpu_stats "${OURS[@]}"); sc=$(cpu_stats "${STOCK[@]}")
ratio=$(awk -v a="$om" -v b="$sm" 'BEGIN { printf "%.2f", a / b }')
{
  echo "# cold-start, $note"
  echo "# JVM flags (both): $OPTS"
  echo "kind	run	seconds	http	bundles	cpu_seconds"
  i=0; for r in "${OURS[@]}"; do i=$((i+1)); echo "ours	$i	$(echo "$r" | tr ' ' '\t')"; done
  i=0; for r in "${STOCK[@]}"; do i=$((i+1)); echo "stock	$i	$(echo "$r" | tr ' ' '\t')"; done
  echo "# ours : median $om s (min $omin, max $omax) to first 200 on /api/v1/health"
  echo "# stock: median $sm s (min $smin, max $smax) to first HTTP answer with 'http' booted"
  echo "# ratio ours/stock (medians): $ratio"
  echo "# CPU seconds used by the Karaf JVM up to that answer (medians): ours $oc, stock $sc"
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
grep -v '^#' "$OUT" > "$TSV"
