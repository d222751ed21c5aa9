#!/usr/bin/env bash
# Test services on loopback: a redis-server and a PostgreSQL 15 (run as the non-root user postgres), each on a free
# 127.0.0.1 port picked at start, with their data, pid files, logs and chosen ports under one services dir that this
# run owns. Two runs on one machine (two CI runs, a developer's tests next to CI) use two dirs and never share a
# server: start checks the server answering on the port is the one it started, stop stops only that dir's servers.
#   source .ci/services.sh start   # starts both, exports STREAMSCORE_TEST_* for the tests
#   .ci/services.sh stop           # stops what start started in this services dir
#   source .ci/services.sh env     # exports the variables for this dir's services, already running
#   eval "$(.ci/services.sh env)"  # the same when run, not sourced: prints the export lines (start prints them too)
# Settings (environment):
#   STREAMSCORE_SERVICES_DIR   the run's own dir (default /tmp/streamscore-ci-services, one developer's local set;
#                              CI and anything running beside another run: a fresh `mktemp -d`). Chosen ports are
#                              recorded in ${STREAMSCORE_SERVICES_DIR}/ports, which env reads.
#   STREAMSCORE_REDIS_PORT     a fixed port for redis instead of a free one; start fails if it is taken
#   STREAMSCORE_PG_PORT        a fixed port for PostgreSQL instead of a free one; start fails if it is taken
# Needs the Debian packages redis-server and postgresql (.ci/run installs them).

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: do the work in a child bash (the caller's shell options and names stay untouched), then export.
  case "${1:-}" in
    start | env)
      if __streamscore_services="$(bash "${BASH_SOURCE[0]}" "$1")"; then
        eval "${__streamscore_services}"
        unset __streamscore_services
        return 0
      fi
      unset __streamscore_services
      return 1
      ;;
    *) bash "${BASH_SOURCE[0]}" "$@"; return ;;
  esac
fi

set -euo pipefail

SERVICES_DIR="${STREAMSCORE_SERVICES_DIR:-/tmp/streamscore-ci-services}"
PORTS_FILE="${SERVICES_DIR}/ports"
REDIS_DIR="${SERVICES_DIR}/redis"
PG_DIR="${SERVICES_DIR}/pg"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_USER=streamscore
PG_PASSWORD_VALUE=streamscore-ci
PG_DB=streamscore
# Candidate ports lie below the kernel's ephemeral range (32768+), where tests' own port-0 servers land.
PORT_LOW=20000
PORT_SPAN=12000
ATTEMPTS=8

log() { echo "services.sh: $*" >&2; }

# A port nothing on 127.0.0.1 accepts connections on (a race with another run is caught when the server starts).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((PORT_LOW + (RANDOM * 32768 + RANDOM) % PORT_SPAN))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
      echo "${port}"
      return 0
    fi
  done
  log "found no free port in ${PORT_LOW}-$((PORT_LOW + PORT_SPAN))"
  return 1
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

redis_pid() { cat "${REDIS_DIR}/redis.pid" 2>/dev/null || true; }

pg_pid() { head -1 "${PG_DIR}/data/postmaster.pid" 2>/dev/null || true; }

# Ours: the pid in our pid file is alive and the server on the port reports that same process id.
redis_is_ours() {
  local pid answered
  pid="$(redis_pid)"
  alive "${pid}" || return 1
  answered="$(redis-cli -h 127.0.0.1 -p "$1" INFO server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p')"
  [ "${answered}" = "${pid}" ]
}

# Ours: the postmaster in our data dir is alive and the server on the port reports our data dir.
pg_is_ours() {
  local answered
  alive "$(pg_pid)" || return 1
  answered="$(PGPASSWORD="${PG_PASSWORD_VALUE}" psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -tAq \
    -c 'SHOW data_directory' 2>/dev/null || true)"
  [ "${answered}" = "${PG_DIR}/data" ]
}

start_redis_on() {
  local port="$1" pid
  rm -f "${REDIS_DIR}/redis.pid"
  # In the background of its own session (not --daemonize) so that a failed bind shows at once as a dead pid.
  setsid redis-server --bind 127.0.0.1 --port "${port}" --save '' --appendonly no --dir "${REDIS_DIR}" \
    --pidfile "${REDIS_DIR}/redis.pid" --logfile "${REDIS_DIR}/redis.log" </dev/null >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 50); do
    alive "${pid}" || return 1
    redis_is_ours "${port}" && return 0
    sleep 0.2
  done
  return 1
}

start_pg_on() {
  runuser -u postgres -- "${PG_BIN}/pg_ctl" -D "${PG_DIR}/data" -l "${PG_DIR}/postgres.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $1 -k ${PG_DIR} -c fsync=off" start >/dev/null 2>&1 && pg_is_ours "$1"
}

init_pg() {
  mkdir -p "${PG_DIR}"
  chmod 755 "${SERVICES_DIR}"
  chown -R postgres "${PG_DIR}"
  if [ ! -f "${PG_DIR}/data/PG_VERSION" ]; then
    printf '%s\n' "${PG_PASSWORD_VALUE}" > "${PG_DIR}/pwfile"
    chown postgres "${PG_DIR}/pwfile"
    runuser -u postgres -- "${PG_BIN}/initdb" -D "${PG_DIR}/data" -U postgres --auth=scram-sha-256 \
      --pwfile="${PG_DIR}/pwfile" >/dev/null
  fi
}

create_pg_db() {
  PGPASSWORD="${PG_PASSWORD_VALUE}" psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -v ON_ERROR_STOP=0 -q \
    -c "CREATE ROLE ${PG_USER} LOGIN PASSWORD '${PG_PASSWORD_VALUE}'" \
    -c "CREATE DATABASE ${PG_DB} OWNER ${PG_USER}" >/dev/null 2>&1 || true
}

# start_on NAME FIXED_PORT: starts NAME (redis|pg) on FIXED_PORT, or on free ports until one works; prints the port.
start_on() {
  local name="$1" fixed="$2" port tries="${ATTEMPTS}"
  [ -n "${fixed}" ] && tries=1
  for _ in $(seq 1 "${tries}"); do
    port="${fixed:-$(free_port)}"
    [ -n "${port}" ] || return 1
    if "start_${name}_on" "${port}"; then
      echo "${port}"
      return 0
    fi
    stop_${name}
    log "${name} did not start as ours on 127.0.0.1:${port}"
  done
  return 1
}

stop_redis() {
  local pid
  pid="$(redis_pid)"
  if alive "${pid}" && grep -q redis "/proc/${pid}/comm" 2>/dev/null; then
    kill "${pid}"
    for _ in $(seq 1 50); do alive "${pid}" || break; sleep 0.1; done
  fi
  rm -f "${REDIS_DIR}/redis.pid"
}

stop_pg() {
  if [ -f "${PG_DIR}/data/postmaster.pid" ]; then
    runuser -u postgres -- "${PG_BIN}/pg_ctl" -D "${PG_DIR}/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

print_env() {
  printf 'export STREAMSCORE_TEST_REDIS=%q\n' "127.0.0.1:$1"
  printf 'export STREAMSCORE_TEST_PG_URL=%q\n' "jdbc:postgresql://127.0.0.1:$2/${PG_DB}"
  printf 'export STREAMSCORE_TEST_PG_USER=%q\n' "${PG_USER}"
  printf 'export STREAMSCORE_TEST_PG_PASSWORD=%q\n' "${PG_PASSWORD_VALUE}"
}

recorded_port() { sed -n "s/^$1=\([0-9]*\)$/\1/p" "${PORTS_FILE}" 2>/dev/null || true; }

start_services() {
  local redis_port pg_port
  if [ -f "${PORTS_FILE}" ] && { alive "$(redis_pid)" || alive "$(pg_pid)"; }; then
    log "services already run from ${SERVICES_DIR} ($(paste -sd' ' "${PORTS_FILE}")): use \`source .ci/services.sh env\`," \
      "or \`.ci/services.sh stop\` first, or set STREAMSCORE_SERVICES_DIR to a new dir (mktemp -d)"
    return 1
  fi
  rm -f "${PORTS_FILE}"
  mkdir -p "${REDIS_DIR}"
  if ! redis_port="$(start_on redis "${STREAMSCORE_REDIS_PORT:-}")"; then
    log "redis-server failed to start; see ${REDIS_DIR}/redis.log"
    return 1
  fi
  init_pg
  if ! pg_port="$(start_on pg "${STREAMSCORE_PG_PORT:-}")"; then
    log "PostgreSQL failed to start; see ${PG_DIR}/postgres.log"
    stop_redis
    return 1
  fi
  create_pg_db "${pg_port}"
  printf 'REDIS_PORT=%s\nPG_PORT=%s\n' "${redis_port}" "${pg_port}" > "${PORTS_FILE}"
  log "test services in ${SERVICES_DIR}: redis 127.0.0.1:${redis_port}, postgres 127.0.0.1:${pg_port}"
  print_env "${redis_port}" "${pg_port}"
}

recorded_env() {
  local redis_port pg_port
  redis_port="$(recorded_port REDIS_PORT)"
  pg_port="$(recorded_port PG_PORT)"
  if [ -z "${redis_port}" ] || [ -z "${pg_port}" ]; then
    log "no test services recorded in ${SERVICES_DIR} (no ${PORTS_FILE}): run \`source .ci/services.sh start\`" \
      "with the same STREAMSCORE_SERVICES_DIR"
    return 1
  fi
  if ! redis_is_ours "${redis_port}" || ! pg_is_ours "${pg_port}"; then
    log "the services recorded in ${SERVICES_DIR} (redis ${redis_port}, postgres ${pg_port}) are not running:" \
      "run \`.ci/services.sh stop\`, then \`source .ci/services.sh start\`"
    return 1
  fi
  print_env "${redis_port}" "${pg_port}"
}

case "${1:-}" in
  start) start_services ;;
  stop)
    stop_redis
    stop_pg
    rm -f "${PORTS_FILE}"
    ;;
  env) recorded_env ;;
  *) echo "usage: .ci/services.sh start|stop|env" >&2; exit 2 ;;
esac
