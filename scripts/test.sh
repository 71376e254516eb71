#!/usr/bin/env bash
# The whole test suite, from a fresh clone: unit tests on H2 and PostgreSQL, the features
# verification, the distribution build and the Pax Exam integration tests (H2 and PostgreSQL), and
# the web console's journeys in headless Chromium.
# Needs only JDK 17 and Maven; a throwaway PostgreSQL is installed and started by
# scripts/postgres.sh and stopped again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's Chromium (and a CJK font for the screenshots) for the web console's end-to-end tests.
if [ ! -x /usr/bin/chromium ]; then
  [ "$(id -u)" -eq 0 ] || { echo "test.sh: Chromium is missing and installing it needs root" >&2; exit 1; }
  echo "test.sh: installing Debian's chromium for the console tests" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >&2
fi

eval "$(scripts/postgres.sh)"
trap 'scripts/postgres.sh stop >/dev/null 2>&1 || true' EXIT

mvn -B -ntp install \
  -Dsocialweave.test.pg.url="$SOCIALWEAVE_TEST_PG_URL" \
  -Dsocialweave.test.pg.itestUrl="$SOCIALWEAVE_TEST_PG_ITEST_URL" \
  -Dsocialweave.test.pg.user="$SOCIALWEAVE_TEST_PG_USER" \
  -Dsocialweave.test.pg.password="$SOCIALWEAVE_TEST_PG_PASSWORD" \
  "$@"
