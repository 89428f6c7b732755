#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into Banzi's embedded PostgreSQL, replacing what is there.
#   scripts/restore.sh FILE
# Banzi must be running (it runs the embedded server); restart it afterwards. To restore onto a new machine:
# start Banzi once on an empty data directory, stop using it, run this script, then restart Banzi.
# Environment: BANZI_DATA_DIR (default ./data), BANZI_DB_NAME (default banzi).
set -euo pipefail
file="${1:?usage: scripts/restore.sh FILE}"
data_dir="${BANZI_DATA_DIR:-data}"
database="${BANZI_DB_NAME:-banzi}"
credentials="$data_dir/db-credentials.properties"
pid_file="$data_dir/pg/postmaster.pid"
[ -r "$file" ] || { echo "restore: cannot read $file" >&2; exit 2; }
[ -r "$credentials" ] || { echo "restore: no $credentials (is BANZI_DATA_DIR right?)" >&2; exit 2; }
[ -r "$pid_file" ] || { echo "restore: the embedded database is not running: start Banzi first" >&2; exit 2; }
port=$(sed -n 4p "$pid_file")
user=$(sed -n 's/^username=//p' "$credentials")
password=$(sed -n 's/^password=//p' "$credentials")
PGPASSWORD="$password" pg_restore --host=127.0.0.1 --port="$port" --username="$user" --dbname="$database" \
  --clean --if-exists --no-owner --single-transaction --exit-on-error "$file"
echo "restore: $file restored into $database; restart Banzi now"
