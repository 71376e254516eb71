#!/usr/bin/env bash
# Redirector: GET /s/{code} on the distribution with click recording on ("links") versus nginx
# answering a static 302 from its config on another loopback port ("nginx"), both loaded by wrk
# in the same run on the same machine. A third target, "servlet", is the same static 302 from a
# plain whiteboard servlet in the same Karaf (bench/bare-servlet, dropped into deploy/): the
# ceiling of any redirector behind Pax Web's Jetty, no lookup, no click. Afterwards the clicks stored for the link are compared
# with the requests wrk completed: none may be missing.
#
# Needs the Debian packages wrk and nginx; installs them with apt-get when missing (root).
#
# Env: CONNECTIONS (32) THREADS (2) WARMUP (10) DURATION (10) ROUNDS (3) PAX_WEB_CFG (extra lines)
#      WRK_HEADER (one more request header; "Connection: close" makes every click a new connection)
#      BENCH_HTTP_PORT (28181) BENCH_NGINX_PORT (18282)
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
NGINX_PORT=${BENCH_NGINX_PORT:-18282}
OUT=$RESULTS_DIR/links.txt
TSV=$RESULTS_DIR/links.tsv
AGENT='Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50'
TARGET='https://shop.example/p/42?color=red&utm_source=weibo&utm_medium=social#specs'

ensure_packages() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} with apt-get"
    apt-get install -y -q "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
  fi
}

# nginx in the foreground (no daemon) under our own prefix, one worker per core, no access log.
start_nginx() {
  local dir=$WORK_DIR/nginx
  rm -rf "$dir" && mkdir -p "$dir/logs"
  cat > "$dir/nginx.conf" <<CONF
worker_processes auto;
error_log $dir/logs/error.log warn;
pid $dir/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /s/ {
      add_header Cache-Control "private, no-store" always;
      return 302 '$TARGET';
    }
  }
}
CONF
  require_ports_free "$NGINX_PORT"
  /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' &
  EXTRA_PIDS+=($!)
  wait_http "http://127.0.0.1:$NGINX_PORT/s/x" 10 302 >/dev/null || die "nginx did not answer 302"
}

# Log in as admin, create a workspace and one link; sets LINK_ID, LINK_PATH, WS_ID, JAR, CSRF.
provision_link() {
  local base=http://127.0.0.1:$HTTP_PORT/api/v1 i ws link
  JAR=$WORK_DIR/links-cookies.txt
  CSRF=$(admin_login "$JAR")
  for i in $(seq 1 50); do
    ws=$(curl -sf -m 10 -b "$JAR" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
      -d '{"slug":"bench","name":"Bench","timeZone":"Asia/Shanghai"}' "$base/workspaces" || true)
    WS_ID=$(echo "$ws" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
    [ -n "$WS_ID" ] && break
    sleep 0.2  # the JAX-RS application may still be rebuilt as the last resources arrive
  done
  [ -n "$WS_ID" ] || die "create workspace failed"
  for i in $(seq 1 50); do
    link=$(curl -s -m 10 -b "$JAR" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
      -d '{"target":"https://shop.example/p/42?color=red#specs","utm":{"source":"weibo","medium":"social"},"attribution":{"postId":"bench-post","channelId":"bench-channel"}}' \
      "$base/workspaces/$WS_ID/links" || true)
    LINK_ID=$(echo "$link" | sed -n 's/.*"id":"\([^"]*\)","workspaceId".*/\1/p')
    [ -n "$LINK_ID" ] && break
    sleep 0.2  # the links resource may still be arriving on the whiteboard
  done
  [ -n "$LINK_ID" ] || die "create link failed: $link"
  LINK_PATH=$(echo "$link" | sed -n 's/.*"shortUrl":"[a-z]*:\/\/[^/]*\(\/s\/[^"]*\)".*/\1/p')
  local location
  location=$(curl -s -o /dev/null -m 5 -w '%{redirect_url}' "http://127.0.0.1:$HTTP_PORT$LINK_PATH")
  [ "$location" = "$TARGET" ] || die "redirect goes to '$location', expected '$TARGET'"
}

# Human clicks stored for the link, as the API reports them.
stored_clicks() {
  curl -sf -m 10 -b "$JAR" "http://127.0.0.1:$HTTP_PORT/api/v1/workspaces/$WS_ID/links/$LINK_ID" \
    | sed -n 's/.*"clicks":{"human":\([0-9]*\).*/\1/p'
}

# One wrk run; prints "requests rps p99_ms errors".
run_wrk() {
  local url=$1 seconds=$2 out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -H "User-Agent: $AGENT" ${WRK_HEADER:+-H "$WRK_HEADER"} "$url")
  echo "$out" >> "$WORK_DIR/wrk.log"
  awk '
    / requests in / { req = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /^ *99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; p99 = v }
    /Non-2xx or 3xx/ { err = $NF }
    /Socket errors/ { err = err + 0 }
    END { printf "%d %.0f %.2f %d\n", req, rps, p99, err + 0 }' <<<"$out"
}

ensure_packages
ensure_dist
ensure_bare_servlet
note=$(machine_note)
: > "$WORK_DIR/wrk.log"
unpack_dist "$WORK_DIR/links"
home=$KARAF_HOME
printf 'publicBaseUrl = http://127.0.0.1:%s\n' "$HTTP_PORT" > "$home/etc/org.socialweave.links.cfg"
# Extra lines for etc/org.ops4j.pax.web.cfg, to try the HTTP server's settings (e.g. its thread
# pool: "org.ops4j.pax.web.server.maxThreads = 16"); one setting per line.
[ -z "${PAX_WEB_CFG:-}" ] || printf '%s\n' "$PAX_WEB_CFG" >> "$home/etc/org.ops4j.pax.web.cfg"
log "starting the distribution"
start_karaf "$home"
code=$(wait_http "http://127.0.0.1:$HTTP_PORT/api/v1/health" 180) || die "distribution not healthy in 180 s ($code)"
provision_link
start_nginx
cp "$BARE_SERVLET_JAR" "$home/deploy/"
links_url="http://127.0.0.1:$HTTP_PORT$LINK_PATH"
nginx_url="http://127.0.0.1:$NGINX_PORT$LINK_PATH"
servlet_url="http://127.0.0.1:$HTTP_PORT/bench/redirect$LINK_PATH"
wait_http "$servlet_url" 60 302 >/dev/null || die "bench/bare-servlet's redirect did not answer 302"
before=$(stored_clicks)

log "warm-up ${WARMUP}s each (unmeasured, clicks still counted)"
read -r warm_links _ _ _ < <(run_wrk "$links_url" "$WARMUP")
run_wrk "$nginx_url" "$WARMUP" >/dev/null
run_wrk "$servlet_url" "$WARMUP" >/dev/null
# Rounds of links, nginx, servlet, one after the other: a burst of other work on the machine hits
# one round of all three rather than one target, and each round gives its own ratio.
answered=$warm_links
rows=()
for round in $(seq 1 "$ROUNDS"); do
  log "round $round of $ROUNDS: ${DURATION}s each"
  read -r req_links rps_links p99_links err_links < <(run_wrk "$links_url" "$DURATION")
  read -r req_nginx rps_nginx p99_nginx err_nginx < <(run_wrk "$nginx_url" "$DURATION")
  read -r req_servlet rps_servlet p99_servlet err_servlet < <(run_wrk "$servlet_url" "$DURATION")
  answered=$(( answered + req_links ))
  ratio=$(awk -v a="$rps_links" -v b="$rps_nginx" 'BEGIN { printf "%.1f", 100 * a / b }')
  servlet_ratio=$(awk -v a="$rps_servlet" -v b="$rps_nginx" 'BEGIN { printf "%.1f", 100 * a / b }')
  rows+=("$(printf '%5s %10s %8s %10s %8s %10s %8s %9s %9s %6s' "$round" \
    "$rps_links" "$p99_links" "$rps_nginx" "$p99_nginx" "$rps_servlet" "$p99_servlet" \
    "$ratio" "$servlet_ratio" $(( err_links + err_nginx + err_servlet )))")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$round" "$rps_links" "$p99_links" \
    "$rps_nginx" "$p99_nginx" "$rps_servlet" "$p99_servlet" "$ratio" >> "$TSV"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# wrk counts completed answers; a request cut off at the end may still be stored (extra <= connections).
expected=$(( answered + 1 ))  # +1: the check of the redirect in provision_link
stored=0
deadline=$(( $(date +%s) + 30 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  stored=$(( $(stored_clicks) - before + 1 ))
  [ "$stored" -ge "$expected" ] && break
  sleep 0.5
done
lost=$(( expected > stored ? expected - stored : 0 ))
median=$(printf '%s\n' "${rows[@]}" | awk '{ print $8 }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')

{
  echo "bench/links: GET /s/{code} with click recording vs nginx static 302 vs a plain whiteboard servlet's static 302"
  echo "wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of ${DURATION}s per target after ${WARMUP}s warm-up each"
  echo "$note; load average after: $load_after"
  [ -z "${WRK_HEADER:-}" ] || echo "every request also sends: $WRK_HEADER"
  [ -z "${PAX_WEB_CFG:-}" ] || echo "org.ops4j.pax.web.cfg additions: ${PAX_WEB_CFG//$'\n'/; }"
  printf '%5s %10s %8s %10s %8s %10s %8s %9s %9s %6s\n' round 'links/s' 'p99 ms' 'nginx/s' 'p99 ms' \
    'servlet/s' 'p99 ms' 'links %' 'servlet %' errors
  printf '%s\n' "${rows[@]}"
  echo "links / nginx throughput, median of the rounds: $median % (target >= 50 %)"
  echo "clicks: $expected redirects answered (warm-up + rounds + 1 check), $stored stored, $lost lost"
} | tee "$OUT"
[ "$lost" = 0 ] || die "$lost clicks lost"
