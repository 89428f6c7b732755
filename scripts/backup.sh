#!/usr/bin/env bash
# Backs up Banzi's embedded PostgreSQL with pg_dump (custom format) while Banzi is running.
#   scripts/backup.sh [FILE]            default FILE: backups/banzi-YYYYmmdd-HHMMSS.dump
# Environment: BANZI_DATA_DIR (default ./data), BANZI_DB_NAME (default banzi).
# Needs pg_dump 15 or newer (Debian: apt-get install postgresql-client).
# For an external PostgreSQL, run pg_dump against it directly (see docs/operations.md).
set -euo pipefail
data_dir="${BANZI_DATA_DIR:-data}"
database="${BANZI_DB_NAME:-banzi}"
file="${1:-backups/banzi-$(date +%Y%m%d-%H%M%S).dump}"
credentials="$data_dir/db-credentials.properties"
pid_file="$data_dir/pg/postmaster.pid"
[ -r "$credentials" ] || { echo "backup: no $credentials (is BANZI_DATA_DIR right?)" >&2; exit 2; }
[ -r "$pid_file" ] || { echo "backup: the embedded database is not running: start Banzi first" >&2; exit 2; }
port=$(sed -n 4p "$pid_file")
user=$(sed -n 's/^username=//p' "$credentials")
password=$(sed -n 's/^password=//p' "$credentials")
mkdir -p "$(dirname "$file")"
PGPASSWORD="$password" pg_dump --host=127.0.0.1 --port="$port" --username="$user" --format=custom \
  --no-owner --file="$file" "$database"
echo "backup: wrote $file ($(du -h "$file" | cut -f1))"
