#!/usr/bin/env bash
# A local PostgreSQL for the storage tests: installs it if missing, starts the cluster on 127.0.0.1 only and sets
# the postgres user's password. Idempotent; creates nothing else (each test class creates and drops its databases).
# Prints the connection string the tests read from RAPPORT_TEST_POSTGRES.
set -euo pipefail

password=rapport

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

version=$(pg_lsclusters --no-header | awk 'NR == 1 {print $1}')
cluster=$(pg_lsclusters --no-header | awk 'NR == 1 {print $2}')
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  cluster=main
  pg_createcluster "$version" "$cluster" >&2
fi

# Loopback only, whatever the packaged configuration says (Debian's postgresql.conf reads conf.d last).
echo "listen_addresses = '127.0.0.1'" >"/etc/postgresql/$version/$cluster/conf.d/rapport.conf"
if ! pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $4}' | grep -q online; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi

su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD '$password'\"" >&2

echo "Host=127.0.0.1;Port=5432;Username=postgres;Password=$password"
