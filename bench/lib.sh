# Shared helpers for the bench scripts. Source it; do not run it.
# Everything here talks to 127.0.0.1 only and every wait is bounded.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
WORK_DIR=${BENCH_WORK:-$BENCH_DIR/target/work}
RESULTS_DIR=${BENCH_RESULTS:-$BENCH_DIR/target/results}
DIST_TGZ=$REPO_DIR/distribution/target/socialweave-distribution-0.1.0-SNAPSHOT.tar.gz
HTTP_JAR=$BENCH_DIR/http-overhead/target/http-overhead.jar
BARE_SERVLET_JAR=$BENCH_DIR/bare-servlet/target/bare-servlet.jar
KARAF_VERSION=4.4.10
# Not 8181 by default, so that a bench run never collides with a developer's Karaf or an itest.
HTTP_PORT=${BENCH_HTTP_PORT:-28181}
BARE_PORT=${BENCH_BARE_PORT:-18181}
ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-Bench-Adm1n-Passw0rd}
mkdir -p "$WORK_DIR" "$RESULTS_DIR"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# PIDs of everything we started; cleanup stops exactly these, nothing else.
KARAF_HOMES=()
EXTRA_PIDS=()

# Stop one Karaf home: bin/stop, wait up to 30 s, then kill -9 its own pid.
stop_karaf() {
  local home=$1 pid=""
  [ -f "$home/karaf.pid" ] && pid=$(cat "$home/karaf.pid" 2>/dev/null)
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    JAVA_HOME=${JAVA_HOME:-} "$home/bin/stop" >/dev/null 2>&1 || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "karaf $pid did not stop in 30 s: kill -9"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$home/karaf.pid"
}

cleanup() {
  local h p
  for p in "${EXTRA_PIDS[@]}"; do
    if kill -0 "$p" 2>/dev/null; then kill "$p" 2>/dev/null || true; fi
  done
  for h in "${KARAF_HOMES[@]}"; do stop_karaf "$h"; done
  for p in "${EXTRA_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_ports_free() {
  local p
  for p in "$@"; do
    port_free "$p" || die "port $p on 127.0.0.1 is in use (another Karaf?): stop it or set BENCH_HTTP_PORT / BENCH_BARE_PORT"
  done
}

# Build the distribution unless it exists (BENCH_BUILD=1 forces a build). `package`, not
# `install`: the reactor builds the tar.gz without touching the shared local repository.
ensure_dist() {
  if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -f "$DIST_TGZ" ]; then
    log "building the distribution (mvn -B -q package -DskipTests)"
    (cd "$REPO_DIR" && mvn -B -q package -DskipTests) || die "distribution build failed"
  fi
  [ -f "$DIST_TGZ" ] || die "missing $DIST_TGZ"
}

ensure_http_jar() {
  if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -f "$HTTP_JAR" ]; then
    log "building bench/http-overhead"
    (cd "$BENCH_DIR/http-overhead" && mvn -B -q package) || die "http-overhead build failed"
  fi
}

# The same-JVM baseline bundle (a plain HTTP whiteboard servlet), dropped into deploy/.
ensure_bare_servlet() {
  if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -f "$BARE_SERVLET_JAR" ]; then
    log "building bench/bare-servlet"
    (cd "$BENCH_DIR/bare-servlet" && mvn -B -q package) || die "bare-servlet build failed"
  fi
}

# Stock Apache Karaf tar.gz from Maven Central (through the local repository).
ensure_stock_karaf() {
  STOCK_TGZ=$WORK_DIR/apache-karaf-$KARAF_VERSION.tar.gz
  if [ ! -f "$STOCK_TGZ" ]; then
    log "fetching org.apache.karaf:apache-karaf:$KARAF_VERSION:tar.gz"
    (cd "$BENCH_DIR/http-overhead" && mvn -B -q dependency:copy \
      -Dartifact=org.apache.karaf:apache-karaf:$KARAF_VERSION:tar.gz \
      -DoutputDirectory="$WORK_DIR") || die "cannot fetch stock Karaf"
  fi
}

# Ports of one Karaf home: HTTP as given, SSH/RMI bound to loopback and shifted by the same
# offset as HTTP so that a bench run never collides with a Karaf on the default ports.
localize_karaf() {
  local home=$1 off=$(( HTTP_PORT - 8181 ))
  local cfg=$home/etc/org.ops4j.pax.web.cfg
  [ -f "$cfg" ] || touch "$cfg"
  sed -i '/^org.osgi.service.http.port/d;/^org.ops4j.pax.web.listening.addresses/d' "$cfg"
  printf 'org.osgi.service.http.port = %s\norg.ops4j.pax.web.listening.addresses = 127.0.0.1\n' "$HTTP_PORT" >> "$cfg"
  sed -i "s/^sshPort *=.*/sshPort = $((8101 + off))/;s/^sshHost *=.*/sshHost = 127.0.0.1/" "$home/etc/org.apache.karaf.shell.cfg"
  sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $((1099 + off))/;s/^rmiServerPort *=.*/rmiServerPort = $((44444 + off))/" \
    "$home/etc/org.apache.karaf.management.cfg"
  KARAF_PORTS=("$HTTP_PORT" $((8101 + off)) $((1099 + off)) $((44444 + off)))
}

# Fresh unpack of our distribution into $1 (removed first). Sets KARAF_HOME and KARAF_PORTS
# (call it directly, not in $(...)).
unpack_dist() {
  local dir=$1
  rm -rf "$dir" && mkdir -p "$dir"
  tar xzf "$DIST_TGZ" -C "$dir"
  KARAF_HOME=$dir/socialweave-distribution-0.1.0-SNAPSHOT
  localize_karaf "$KARAF_HOME"
}

unpack_stock() {
  local dir=$1
  rm -rf "$dir" && mkdir -p "$dir"
  tar xzf "$STOCK_TGZ" -C "$dir"
  KARAF_HOME=$dir/apache-karaf-$KARAF_VERSION
  localize_karaf "$KARAF_HOME"
}

# Heap flags of the distribution, exactly as its bin/setenv sets them.
dist_java_opts() {
  (set +eu; unset EXTRA_JAVA_OPTS; . "$1/bin/setenv" >/dev/null 2>&1; echo "$EXTRA_JAVA_OPTS")
}

# bin/start a Karaf home (registered for cleanup). Extra env may be passed as VAR=value args.
start_karaf() {
  local home=$1; shift
  require_ports_free "${KARAF_PORTS[@]}"
  KARAF_HOMES+=("$home")
  env "$@" SOCIALWEAVE_ADMIN_PASSWORD="$ADMIN_PASSWORD" "$home/bin/start" >/dev/null 2>&1
}

karaf_pid() { cat "$1/karaf.pid" 2>/dev/null; }

# CPU seconds (user + system, all threads) a process has used so far.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"
}

# Poll URL every 100 ms until it answers (any status if $3=any, else 200), at most $2 seconds.
# Prints the HTTP status it ended on; returns 1 on time-out.
wait_http() {
  local url=$1 max=$2 want=${3:-200} code deadline
  deadline=$(( $(date +%s) + max ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$url" 2>/dev/null || true)
    if [ "$want" = any ] && [ -n "$code" ] && [ "$code" != 000 ]; then echo "$code"; return 0; fi
    if [ "$code" = "$want" ]; then echo "$code"; return 0; fi
    sleep 0.1
  done
  echo "${code:-000}"
  return 1
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# Log in as admin with a fresh cookie jar $1; echoes the CSRF token. The first-start admin is
# created a moment after /health turns 200: retry for up to 30 s.
admin_login() {
  local jar=$1 csrf i
  rm -f "$jar"
  for i in $(seq 1 60); do
    csrf=$(curl -s -m 10 -c "$jar" -H 'Content-Type: application/json' \
      -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "http://127.0.0.1:$HTTP_PORT/api/v1/session" \
      | sed -n 's/.*"csrfToken":"\([^"]*\)".*/\1/p' || true)
    [ -n "$csrf" ] && { echo "$csrf"; return 0; }
    sleep 0.5
  done
  die "login failed for 30 s"
}

# Log in as admin, create workspace "bench" and a VIEWER API token. Echoes the token secret.
provision_token() {
  local base=http://127.0.0.1:$HTTP_PORT/api/v1 jar=$WORK_DIR/cookies.txt csrf ws wsid tok secret
  csrf=$(admin_login "$jar")
  ws=$(curl -sf -m 10 -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"slug":"bench","name":"Bench","timeZone":"Asia/Shanghai"}' "$base/workspaces") || die "create workspace failed"
  wsid=$(echo "$ws" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
  [ -n "$wsid" ] || die "workspace: no id in $ws"
  tok=$(curl -sf -m 10 -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"name":"bench","role":"VIEWER"}' "$base/workspaces/$wsid/tokens") || die "create token failed"
  secret=$(echo "$tok" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
  [ -n "$secret" ] || die "token: no secret"
  # The token must really be checked. /health is PUBLIC and, since "stale credentials never block
  # public endpoints", answers 200 even to a wrong token (it is still looked up on every request),
  # so the check uses the workspace, which needs WORKSPACE_READ: a wrong token is refused there.
  local bad ok health
  bad=$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H 'Authorization: Bearer swt_wrong' "$base/workspaces/$wsid")
  ok=$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Authorization: Bearer $secret" "$base/workspaces/$wsid")
  health=$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Authorization: Bearer $secret" "$base/health")
  [ "$bad" = 401 ] && [ "$ok" = 200 ] && [ "$health" = 200 ] \
    || die "token check: wrong token -> $bad, right token -> $ok (workspace), $health (health)"
  echo "$secret"
}

machine_note() {
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
}
