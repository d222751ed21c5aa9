#!/usr/bin/env bash
# Test services on loopback: redis-server on 127.0.0.1:16379 and PostgreSQL 15 on 127.0.0.1:15432 (run as the
# non-root user postgres, data under a temp dir this run owns).
#   source .ci/services.sh start   # starts both, exports STREAMSCORE_TEST_* for the tests
#   .ci/services.sh stop           # stops what start started
#   source .ci/services.sh env     # exports the variables for services already running
#   eval "$(.ci/services.sh env)"  # the same when run, not sourced: prints the export lines
# Needs the Debian packages redis-server and postgresql (.ci/run installs them).
set -euo pipefail

SERVICES_DIR="${STREAMSCORE_SERVICES_DIR:-/tmp/streamscore-ci-services}"
REDIS_PORT=16379
PG_PORT=15432
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_USER=streamscore
PG_PASSWORD_VALUE=streamscore-ci
PG_DB=streamscore

services_env() {
  export STREAMSCORE_TEST_REDIS="127.0.0.1:${REDIS_PORT}"
  export STREAMSCORE_TEST_PG_URL="jdbc:postgresql://127.0.0.1:${PG_PORT}/${PG_DB}"
  export STREAMSCORE_TEST_PG_USER="${PG_USER}"
  export STREAMSCORE_TEST_PG_PASSWORD="${PG_PASSWORD_VALUE}"
}

start_redis() {
  mkdir -p "${SERVICES_DIR}/redis"
  redis-server --bind 127.0.0.1 --port "${REDIS_PORT}" --daemonize yes --save '' --appendonly no \
    --dir "${SERVICES_DIR}/redis" --pidfile "${SERVICES_DIR}/redis/redis.pid" \
    --logfile "${SERVICES_DIR}/redis/redis.log"
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "${REDIS_PORT}" ping >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "redis-server did not start; see ${SERVICES_DIR}/redis/redis.log" >&2
  return 1
}

start_postgres() {
  local data="${SERVICES_DIR}/pg/data"
  mkdir -p "${SERVICES_DIR}/pg"
  chown -R postgres "${SERVICES_DIR}/pg"
  chmod 755 "${SERVICES_DIR}"
  if [ ! -f "${data}/PG_VERSION" ]; then
    printf '%s\n' "${PG_PASSWORD_VALUE}" > "${SERVICES_DIR}/pg/pwfile"
    chown postgres "${SERVICES_DIR}/pg/pwfile"
    runuser -u postgres -- "${PG_BIN}/initdb" -D "${data}" -U postgres --auth=scram-sha-256 \
      --pwfile="${SERVICES_DIR}/pg/pwfile" >/dev/null
  fi
  runuser -u postgres -- "${PG_BIN}/pg_ctl" -D "${data}" -l "${SERVICES_DIR}/pg/postgres.log" -w -t 60 \
    -o "-h 127.0.0.1 -p ${PG_PORT} -k ${SERVICES_DIR}/pg -c fsync=off" start >/dev/null
  PGPASSWORD="${PG_PASSWORD_VALUE}" psql -h 127.0.0.1 -p "${PG_PORT}" -U postgres -d postgres -v ON_ERROR_STOP=0 -q \
    -c "CREATE ROLE ${PG_USER} LOGIN PASSWORD '${PG_PASSWORD_VALUE}'" \
    -c "CREATE DATABASE ${PG_DB} OWNER ${PG_USER}" >/dev/null 2>&1 || true
}

stop_services() {
  if [ -f "${SERVICES_DIR}/redis/redis.pid" ]; then
    kill "$(cat "${SERVICES_DIR}/redis/redis.pid")" 2>/dev/null || true
  fi
  if [ -f "${SERVICES_DIR}/pg/data/postmaster.pid" ]; then
    runuser -u postgres -- "${PG_BIN}/pg_ctl" -D "${SERVICES_DIR}/pg/data" -m fast -w stop >/dev/null || true
  fi
}

case "${1:-}" in
  start)
    start_redis
    start_postgres
    services_env
    echo "test services: redis ${STREAMSCORE_TEST_REDIS}, postgres ${STREAMSCORE_TEST_PG_URL}"
    ;;
  stop) stop_services ;;
  env)
    services_env
    if [ "${BASH_SOURCE[0]}" = "$0" ]; then
      export -p | grep ' STREAMSCORE_TEST_'
    fi
    ;;
  *) echo "usage: .ci/services.sh start|stop|env" >&2; return 2 2>/dev/null || exit 2 ;;
esac
