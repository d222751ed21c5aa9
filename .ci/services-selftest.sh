#!/usr/bin/env bash
# Self-test of .ci/services.sh (about 10 s): two service sets started at once in two services dirs get different
# ports and each answers as itself; a start on a port the other set holds fails instead of using that server;
# stopping one set leaves the other answering. Run by .ci/run before the build.
set -euo pipefail
cd "$(dirname "$0")/.."

A="$(mktemp -d /tmp/streamscore-selftest-a.XXXXXX)"
B="$(mktemp -d /tmp/streamscore-selftest-b.XXXXXX)"
C="$(mktemp -d /tmp/streamscore-selftest-c.XXXXXX)"
cleanup() {
  for dir in "$A" "$B" "$C"; do
    STREAMSCORE_SERVICES_DIR="${dir}" .ci/services.sh stop || true
    rm -rf "${dir}" "${dir}.env"
  done
}
trap cleanup EXIT

fail() { echo "services self-test FAILED: $*" >&2; exit 1; }

port_of() { sed -n "s/^$2=//p" "$1/ports"; }

redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ]; }

pg_answers() {
  [ "$(PGPASSWORD=streamscore-ci psql -h 127.0.0.1 -p "$1" -U streamscore -d streamscore -tAq -c 'SELECT 1' \
    2>/dev/null)" = 1 ]
}

# Answers on the recorded ports, and the servers there are this dir's own (env checks the process id / data dir).
answers_as_itself() {
  redis_answers "$(port_of "$1" REDIS_PORT)" || fail "redis of $1 does not answer"
  pg_answers "$(port_of "$1" PG_PORT)" || fail "PostgreSQL of $1 does not answer"
  STREAMSCORE_SERVICES_DIR="$1" .ci/services.sh env >/dev/null || fail "env of $1 does not find its own servers"
}

STREAMSCORE_SERVICES_DIR="$A" .ci/services.sh start > "$A.env" &
started_a=$!
STREAMSCORE_SERVICES_DIR="$B" .ci/services.sh start > "$B.env" &
started_b=$!
wait "${started_a}" || fail "start in $A"
wait "${started_b}" || fail "start in $B"

ports="$(cat "$A/ports" "$B/ports" | cut -d= -f2 | sort -u | wc -l)"
[ "${ports}" = 4 ] || fail "the two sets share a port: $(cat "$A/ports" "$B/ports" | paste -sd' ')"
grep -q "STREAMSCORE_TEST_REDIS=127.0.0.1:$(port_of "$A" REDIS_PORT)" "$A.env" || fail "start printed another port"
answers_as_itself "$A"
answers_as_itself "$B"

if STREAMSCORE_SERVICES_DIR="$C" STREAMSCORE_REDIS_PORT="$(port_of "$B" REDIS_PORT)" .ci/services.sh start \
  >/dev/null 2>&1; then
  fail "a start on the port of another set's redis succeeded"
fi
[ ! -f "$C/ports" ] || fail "a failed start recorded ports"

STREAMSCORE_SERVICES_DIR="$A" .ci/services.sh stop
redis_answers "$(sed -n 's/.*REDIS=127.0.0.1://p' "$A.env")" && fail "redis of $A still answers after stop"
pg_answers "$(sed -n 's/.*PG_URL=jdbc:postgresql:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$A.env")" \
  && fail "PostgreSQL of $A still answers after stop"
answers_as_itself "$B"
STREAMSCORE_SERVICES_DIR="$B" .ci/services.sh stop
redis_answers "$(sed -n 's/.*REDIS=127.0.0.1://p' "$B.env")" && fail "redis of $B still answers after stop"
echo "services self-test passed: $(grep -o '127.0.0.1:[0-9]*' "$A.env" | paste -sd' ') and" \
  "$(grep -o '127.0.0.1:[0-9]*' "$B.env" | paste -sd' ') side by side"
