#!/usr/bin/env bash
# Dispatch benchmark: POSTS posts due within the same minute over CHANNELS sandbox channels
# (Mastodon, each its own account), published by one node of the distribution on PostgreSQL.
# The sandbox runs in the bench JVM, so its record of statuses is the referee: lateness
# (status createdAt - due time), duplicates, lost posts, posts/s; then the sandbox's own capacity
# for the same call sent raw, in the same run. Targets (issue 5): all published, p99 lateness
# under 2 s, zero duplicates, zero lost.
#
# Needs root the first time (scripts/postgres.sh installs PostgreSQL if missing).
# Env: POSTS (10000) CHANNELS (200) WORKERS (32, the dispatcher's)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"

POSTS=${POSTS:-10000}
CHANNELS=${CHANNELS:-200}
WORKERS=${WORKERS:-32}
JAR=$HERE/target/bench-dispatch.jar

ensure_dist
if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then
  log "building bench/dispatch (package, -DskipTests)"
  (cd "$REPO_DIR" && mvn -B -q -Pbench -pl bench/dispatch -am package -DskipTests) \
    || die "bench/dispatch build failed"
fi

eval "$("$REPO_DIR/scripts/postgres.sh")"
SCHEMA=bench_dispatch
PGPASSWORD=$SOCIALWEAVE_TEST_PG_PASSWORD psql -q -h 127.0.0.1 -p 55432 -U "$SOCIALWEAVE_TEST_PG_USER" \
  -d socialweave_test_itest -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE; CREATE SCHEMA $SCHEMA;" \
  || die "cannot reset schema $SCHEMA"

unpack_dist "$WORK_DIR/dispatch"
cat >"$KARAF_HOME/etc/org.ops4j.datasource-socialweave.cfg" <<CFG
osgi.jdbc.driver.class = org.postgresql.Driver
url = $SOCIALWEAVE_TEST_PG_ITEST_URL?currentSchema=$SCHEMA
user = $SOCIALWEAVE_TEST_PG_USER
password = $SOCIALWEAVE_TEST_PG_PASSWORD
dataSourceName = socialweave
osgi.jndi.service.name = socialweave
pool = hikari
xa = false
hikari.maximumPoolSize = 40
hikari.minimumIdle = 4
CFG
printf 'workers = %s\n' "$WORKERS" >"$KARAF_HOME/etc/org.socialweave.publish.cfg"
printf 'argon2MemoryKiB = 1024\nargon2Iterations = 1\n' >"$KARAF_HOME/etc/org.socialweave.security.cfg"
note=$(machine_note)
start_karaf "$KARAF_HOME"
wait_http "http://127.0.0.1:$HTTP_PORT/api/v1/health" 180 >/dev/null || die "node did not start"

out=$RESULTS_DIR/dispatch-$(date -u +%Y%m%dT%H%M%SZ).txt
{
  echo "dispatch bench, $note"
  echo "commit $(git -C "$REPO_DIR" rev-parse --short HEAD), POSTS=$POSTS CHANNELS=$CHANNELS WORKERS=$WORKERS"
  java -Xmx1g -cp "$JAR:$HERE/target/lib/*" org.socialweave.bench.dispatch.DispatchBench \
    "http://127.0.0.1:$HTTP_PORT" "$ADMIN_PASSWORD" "$CHANNELS" "$POSTS"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
log "results in $out"
