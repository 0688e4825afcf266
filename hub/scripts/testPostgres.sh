#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the hub's tests.
#   hub/scripts/testPostgres.sh start   # prints the URL to put in DAFTAR_TEST_POSTGRES_URL
#   hub/scripts/testPostgres.sh stop    # stops the cluster and deletes its folder
# PostgreSQL refuses to run as root: as root, the cluster runs as the user `postgres` (created
# when missing); as any other user, it runs as that user. The database superuser is `postgres`
# either way. Environment: PG_BIN (default: the newest /usr/lib/postgresql/*/bin), PG_PORT (54329).
set -euo pipefail

PG_PORT="${PG_PORT:-54329}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
STATE_FILE="/tmp/daftar-hub-test-postgres-${PG_PORT}"
DATABASE="daftar_hub_test"

if [[ -z "${PG_BIN}" || ! -x "${PG_BIN}/initdb" ]]; then
  echo "PostgreSQL server binaries not found; install them (apt-get install postgresql) or set PG_BIN." >&2
  exit 1
fi

as_postgres() {
  if [[ "$(id -u)" == "0" ]]; then
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

start() {
  if [[ -f "${STATE_FILE}" ]]; then
    echo "A test cluster already runs on port ${PG_PORT} (${STATE_FILE}); stop it first." >&2
    exit 1
  fi
  local dir
  dir="$(mktemp -d /tmp/daftar-hub-pg.XXXXXX)"
  if [[ "$(id -u)" == "0" ]]; then
    id postgres >/dev/null 2>&1 || useradd -r -m -d /var/lib/postgresql postgres
    chown postgres "${dir}"
  fi
  as_postgres "${PG_BIN}/initdb" -D "${dir}/data" -U postgres -A trust --no-sync >/dev/null
  as_postgres "${PG_BIN}/pg_ctl" -D "${dir}/data" -l "${dir}/server.log" -w \
    -o "-p ${PG_PORT} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  echo "${dir}" >"${STATE_FILE}"
  as_postgres "${PG_BIN}/createdb" -h /tmp -p "${PG_PORT}" -U postgres "${DATABASE}"
  echo "postgres://postgres@127.0.0.1:${PG_PORT}/${DATABASE}"
}

stop() {
  if [[ ! -f "${STATE_FILE}" ]]; then
    echo "No test cluster runs on port ${PG_PORT}." >&2
    exit 0
  fi
  local dir
  dir="$(cat "${STATE_FILE}")"
  as_postgres "${PG_BIN}/pg_ctl" -D "${dir}/data" -m fast -w stop >/dev/null || true
  rm -rf "${dir}" "${STATE_FILE}"
  echo "Stopped the test cluster on port ${PG_PORT}."
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "Usage: $0 [start|stop]" >&2
    exit 1
    ;;
esac
