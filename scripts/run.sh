#!/usr/bin/env bash
# Builds SocialWeave and starts it in run/socialweave with embedded H2 and a demo workspace,
# then prints the URLs and the administrator login. Data survives re-runs; stop with
# run/socialweave/bin/stop.
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_DIR=run
KARAF="$RUN_DIR/socialweave"
PORT=8181

echo "Building (about a minute the first time)..."
mvn -B -ntp -q install -DskipTests

if [ -x "$KARAF/bin/stop" ]; then
  "$KARAF/bin/stop" >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do
    pgrep -f "karaf.home=$(cd "$KARAF" && pwd)" >/dev/null || break
    sleep 1
  done
fi

# A fresh copy of the new build, keeping the database and the vault key of earlier runs.
mkdir -p "$RUN_DIR/keep"
[ -d "$KARAF/data/socialweave" ] && rm -rf "$RUN_DIR/keep/socialweave" && mv "$KARAF/data/socialweave" "$RUN_DIR/keep/"
[ -f "$KARAF/etc/socialweave-vault.key" ] && mv "$KARAF/etc/socialweave-vault.key" "$RUN_DIR/keep/"
rm -rf "$KARAF"
tar xzf distribution/target/socialweave-distribution-*.tar.gz -C "$RUN_DIR"
mv "$RUN_DIR"/socialweave-distribution-* "$KARAF"
mkdir -p "$KARAF/data"
[ -d "$RUN_DIR/keep/socialweave" ] && mv "$RUN_DIR/keep/socialweave" "$KARAF/data/"
[ -f "$RUN_DIR/keep/socialweave-vault.key" ] && mv "$RUN_DIR/keep/socialweave-vault.key" "$KARAF/etc/"
echo "demoData = true" >"$KARAF/etc/org.socialweave.bootstrap.cfg"
# The network sandbox on 127.0.0.1:8089, with the demo workspace's channels connected to it.
SANDBOX_PORT=8089
printf 'port = %s\ndemoWorkspace = demo\n' "$SANDBOX_PORT" >"$KARAF/etc/org.socialweave.sandbox.cfg"
echo "publicBaseUrl = http://localhost:$PORT" >"$KARAF/etc/org.socialweave.channels.cfg"

# The administrator password: yours (SOCIALWEAVE_ADMIN_PASSWORD), or one made on the first run.
PASSWORD_FILE="$RUN_DIR/admin-password"
if [ -n "${SOCIALWEAVE_ADMIN_PASSWORD:-}" ] && [ ! -f "$PASSWORD_FILE" ]; then
  printf '%s' "$SOCIALWEAVE_ADMIN_PASSWORD" >"$PASSWORD_FILE"
elif [ ! -f "$PASSWORD_FILE" ]; then
  head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$PASSWORD_FILE"
fi
chmod 600 "$PASSWORD_FILE"
ADMIN_PASSWORD=$(cat "$PASSWORD_FILE")

SOCIALWEAVE_ADMIN_PASSWORD="$ADMIN_PASSWORD" "$KARAF/bin/start"

echo "Starting..."
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://localhost:$PORT/api/v1/health" 2>/dev/null \
    && curl -fsS -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" \
      "http://localhost:$PORT/api/v1/session" 2>/dev/null; then
    cat <<INFO

SocialWeave is running (embedded H2, demo workspace "demo" with channels on the network
sandbox at http://127.0.0.1:$SANDBOX_PORT; see GET /api/v1/workspaces/demo/channels).

  Web console:            http://localhost:$PORT/   (Chinese or English, from your browser)
  API docs (Swagger UI):  http://localhost:$PORT/api/docs
  REST API:               http://localhost:$PORT/api/v1   (try /api/v1/health)
  Login:                  admin / $ADMIN_PASSWORD
  Karaf console:          ssh -p 8101 admin@localhost   (same password; try socialweave:status)
                          or: echo socialweave:status | $KARAF/bin/client -u admin -p '$ADMIN_PASSWORD' -b
  Logs:                   $KARAF/data/log/karaf.log
  Stop:                   $KARAF/bin/stop
INFO
    exit 0
  fi
  sleep 1
done
echo "SocialWeave did not answer within 120 s; see $KARAF/data/log/karaf.log" >&2
exit 1
