#!/usr/bin/env bash
# A failure drill on loopback: a PostgreSQL primary and its streaming replica (Debian's postgresql-15), two Banzi
# instances on the primary (lists and the summary read from the replica) with sessions in the database, nginx in front of them with passive health checks, and a
# request mix from wrk (scripts/drill/mix.lua) for SECONDS (default 60). At a third of the run one instance is killed
# with kill -9; at 60 % the replica is stopped, at 75 % started again. Then it reports requests, errors, latency, how
# long errors went on after each fault, whether every acknowledged write is in the primary, whether the sessions
# signed in before the run still hold, and whether the audit trail verifies. The last line:
#   drill: requests=N errors=E error_rate=X% lost_writes=L sessions_survived=yes|no
#
#   scripts/drill.sh [SECONDS]         # DRILL_KEEP=1 keeps the work directory and its logs
#
# Exits 0 when the goals are met: error rate under 0.5 %, no acknowledged write lost, every session kept, errors
# over within 10 s of each fault, the audit trail intact.
#
# Needs: postgresql-15, nginx, wrk, curl, a JDK (the application jar is built if target/ has none). Runs as root too:
# PostgreSQL then runs as the user postgres.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
pgbin="${DRILL_PGBIN:-/usr/lib/postgresql/15/bin}"
for tool in "$pgbin/initdb" "$pgbin/pg_ctl" "$pgbin/pg_basebackup" "$pgbin/psql" nginx wrk curl java; do
  command -v "$tool" >/dev/null 2>&1 || { echo "drill: $tool is missing (apt-get install postgresql-15 nginx wrk curl)" >&2; exit 2; }
done

work="$(mktemp -d /tmp/banzi-drill-XXXXXX)"
chmod 755 "$work"
out="$work/out"; mkdir -p "$out"
primary_port=25432; replica_port=25433; nginx_port=28080; app_ports=(28081 28082); mgmt_ports=(28091 28092)
password="Drill-Passphrase-7k"; db_password="drill-db-$RANDOM$RANDOM"
apps=()

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  for pid in "${apps[@]:-}"; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  as_postgres "$pgbin/pg_ctl" -D "$work/replica" -m immediate stop >/dev/null 2>&1 || true
  as_postgres "$pgbin/pg_ctl" -D "$work/primary" -m fast stop >/dev/null 2>&1 || true
  if [ -n "${DRILL_KEEP:-}" ]; then echo "drill: work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

jar="$(ls target/banzi-*.jar 2>/dev/null | grep -v original | head -1 || true)"
if [ -z "$jar" ]; then
  ./mvnw -B -q -DskipTests package
  jar="$(ls target/banzi-*.jar | grep -v original | head -1)"
fi

step() { printf '%s drill: %s\n' "$(date +%T)" "$*"; }

# --- PostgreSQL: a primary that archives nothing (this is about failover, not recovery) and a streaming replica
step "starting the primary and its replica"
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; fi
as_postgres "$pgbin/initdb" -D "$work/primary" -U postgres -A trust -E UTF8 >/dev/null
cat >> "$work/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $primary_port
unix_socket_directories = '$work'
wal_level = replica
max_wal_senders = 4
max_connections = 100
fsync = on
synchronous_commit = on
EOF
as_postgres "$pgbin/pg_ctl" -D "$work/primary" -l "$work/primary.log" -w start >/dev/null
psql_primary() { as_postgres "$pgbin/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_primary -c "CREATE ROLE banzi LOGIN PASSWORD '$db_password'" -c "CREATE DATABASE banzi OWNER banzi"
as_postgres "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$work/replica" -R -X stream >/dev/null
echo "port = $replica_port" >> "$work/replica/postgresql.auto.conf"
as_postgres "$pgbin/pg_ctl" -D "$work/replica" -l "$work/replica.log" -w start >/dev/null

# --- two Banzi instances on the primary, lists and the summary read from the replica, sessions in the database, the same keys
secret_key="$(head -c 32 /dev/urandom | base64)"; audit_key="$(head -c 32 /dev/urandom | base64)"
start_app() {
  local i="$1"
  BANZI_DB_URL="jdbc:postgresql://127.0.0.1:$primary_port/banzi" BANZI_DB_USER=banzi BANZI_DB_PASSWORD="$db_password" \
  BANZI_DB_REPLICA_URL="jdbc:postgresql://127.0.0.1:$replica_port/banzi" \
  BANZI_SESSIONS=database BANZI_SECRET_KEY="$secret_key" BANZI_AUDIT_KEY="$audit_key" \
  BANZI_ADMIN_PASSWORD="$password" BANZI_SECURITY_ADMIN_PASSWORD="$password-S" BANZI_DATA_DIR="$work/app$i" \
  BANZI_AUDIT_CHECKPOINTS="$work/audit-checkpoints.log" SERVER_PORT="${app_ports[$i]}" MANAGEMENT_SERVER_PORT="${mgmt_ports[$i]}" \
    java -Xmx512m -jar "$jar" --server.address=127.0.0.1 >"$work/app$i.log" 2>&1 &
  apps[$i]=$!
}
wait_ready() {
  local port="$1" tries=0
  until curl -fs -o /dev/null "http://127.0.0.1:$port/login"; do
    tries=$((tries + 1)); [ "$tries" -lt 240 ] || { echo "drill: the instance on $port did not start" >&2; exit 1; }
    sleep 0.5
  done
}
step "starting two instances"
start_app 0; wait_ready "${app_ports[0]}"
start_app 1; wait_ready "${app_ports[1]}"

# --- nginx in front: an instance that fails is left alone for 5 s, a failed request goes to the other one
mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<EOF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
worker_processes 2;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy; fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  upstream banzi {
    server 127.0.0.1:${app_ports[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${app_ports[1]} max_fails=1 fail_timeout=5s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://banzi;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host:\$server_port;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
      # writes carry Idempotency-Key: retrying them on the other instance cannot write twice
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
    }
  }
}
EOF
nginx -c "$work/nginx.conf" -p "$work"
base="http://127.0.0.1:$nginx_port"
admin="Basic $(printf 'admin:%s' "$password" | base64 -w0)"

# --- records and accounts: a township with its cadres, 20 signed-in users, an audit administrator
step "recording a township, its cadres and 20 signed-in users"
year="$(date +%Y)"; today="$(date +%F)"
curl -fs -H "Authorization: $admin" -F "file=@-;filename=units.csv" "$base/api/import/units" >/dev/null <<EOF
code,name,type,parent_code
DT01,演练镇,TOWNSHIP,
EOF
{
  echo "cadre_no,name,gender,birth_date,rank,unit_code,id_number"
  echo "DC0001,演练干部,男,1975-06-01,正科级,DT01,110101197506010011"
} | curl -fs -H "Authorization: $admin" -F "file=@-;filename=cadres.csv" "$base/api/import/cadres" >/dev/null
: > "$out/cookies"
for n in $(seq 1 20); do
  user="drill$n"
  curl -fs -H "Authorization: $admin" -H 'Content-Type: application/json' "$base/api/accounts" \
    -d "{\"username\":\"$user\",\"displayName\":\"演练$n\",\"roles\":[\"UNIT_ADMIN\"],\"homeUnit\":\"DT01\",\"password\":\"$password\"}" >/dev/null
  jar_file="$work/cookie-$n"
  token="$(curl -fs -c "$jar_file" "$base/login" | grep -o 'name="_csrf"[^>]*value="[^"]*"\|value="[^"]*"[^>]*name="_csrf"' | grep -o 'value="[^"]*"' | head -1 | cut -d'"' -f2)"
  curl -fs -o /dev/null -b "$jar_file" -c "$jar_file" --data-urlencode "username=$user" --data-urlencode "password=$password" \
    --data-urlencode "_csrf=$token" "$base/login"
  session="$(awk '$6 == "SESSION" { print $7 }' "$jar_file" | tail -1)"
  [ -n "$session" ] || { echo "drill: $user could not sign in" >&2; exit 1; }
  echo "SESSION=$session" >> "$out/cookies"
done
curl -fs -u "security:$password-S" -H 'Content-Type: application/json' "$base/api/accounts" \
  -d "{\"username\":\"drillaudit\",\"displayName\":\"审计\",\"roles\":[\"AUDIT_ADMIN\"],\"homeUnit\":\"COUNTY\",\"password\":\"$password\"}" >/dev/null

# --- the run, with its faults
step "running the mix for $seconds s: kill -9 of an instance at $((seconds / 3)) s, replica stopped at $((seconds * 60 / 100)) s, started at $((seconds * 75 / 100)) s"
start="$(date +%s)"
wrk -t8 -c8 -d"${seconds}s" --timeout 10s -s scripts/drill/mix.lua "$base" -- "$out/cookies" "$admin" "$out" DC0001 "$today" \
  > "$out/wrk.txt" 2>&1 &
load=$!
sleep $((seconds / 3)); kill -9 "${apps[0]}"; kill_at=$(( $(date +%s) - start )); step "killed the instance on ${app_ports[0]}"
sleep $((seconds * 60 / 100 - seconds / 3)); as_postgres "$pgbin/pg_ctl" -D "$work/replica" -m immediate stop >/dev/null
replica_stop_at=$(( $(date +%s) - start )); step "stopped the replica"
sleep $((seconds * 75 / 100 - seconds * 60 / 100)); as_postgres "$pgbin/pg_ctl" -D "$work/replica" -l "$work/replica.log" -w start >/dev/null
replica_start_at=$(( $(date +%s) - start )); step "started the replica again"
wait "$load"

# --- what happened
summary="$(grep '^wrk:' "$out/wrk.txt" || true)"
[ -n "$summary" ] || { cat "$out/wrk.txt"; echo "drill: wrk gave no summary" >&2; exit 1; }
value() { echo "$summary" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }
requests="$(value requests)"; socket_errors="$(value socket_errors)"; status_errors="$(value status_errors)"
errors=$((socket_errors + status_errors))
rate="$(awk -v e="$errors" -v r="$requests" 'BEGIN { printf "%.2f", r ? 100 * e / r : 0 }')"
cat "$out"/failures-* 2>/dev/null | sort -n > "$out/failures" || true
recovery() { # seconds from a fault (at $1 s) until the last error before the next fault (at $2 s)
  awk -v s="$start" -v from="$1" -v to="$2" '{ t = $1 - s; if (t >= from && t < to) last = t } END { print (last == "" ? 0 : last - from) }' "$out/failures"
}
after_kill="$(recovery "$kill_at" "$replica_stop_at")"
after_stop="$(recovery "$replica_stop_at" "$replica_start_at")"
after_start="$(recovery "$replica_start_at" 100000)"
cat "$out"/acknowledged-* 2>/dev/null | sort -u > "$out/acknowledged" || true
acknowledged="$(wc -l < "$out/acknowledged")"
stored="$(psql_primary -d banzi -c "SELECT title FROM study_note WHERE title LIKE 'drill-%'" | sort -u)"
lost="$(comm -23 "$out/acknowledged" <(echo "$stored" | grep -v '^$' || true) | wc -l)"
survived=0
while read -r cookie; do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/units")"
  [ "$code" = 200 ] && survived=$((survived + 1))
done < "$out/cookies"
sessions="$([ "$survived" = 20 ] && echo yes || echo no)"
audit="$(curl -fs -u "drillaudit:$password" "$base/api/audit/verification" || echo '{}')"
intact="$(echo "$audit" | grep -o '"intact":[a-z]*' | cut -d: -f2)"

printf '\n| measure | value |\n|---|---|\n'
printf '| duration | %s s, wrk 8 threads x 1 connection, through nginx to 2 instances |\n' "$seconds"
printf '| requests | %s |\n| errors | %s (socket %s, status %s) |\n| error rate | %s %% |\n' "$requests" "$errors" "$socket_errors" "$status_errors" "$rate"
printf '| latency p50 / p99 | %s ms / %s ms |\n' "$(value p50_ms)" "$(value p99_ms)"
printf '| instance killed at %s s: errors for | %s s |\n' "$kill_at" "$after_kill"
printf '| replica stopped at %s s: errors for | %s s |\n' "$replica_stop_at" "$after_stop"
printf '| replica started at %s s: errors for | %s s |\n' "$replica_start_at" "$after_start"
printf '| writes acknowledged / lost | %s / %s |\n' "$acknowledged" "$lost"
printf '| sessions signed in before the run that still hold | %s of 20 |\n' "$survived"
printf '| audit trail verifies | %s |\n\n' "${intact:-unknown}"
echo "drill: requests=$requests errors=$errors error_rate=$rate% lost_writes=$lost sessions_survived=$sessions"
# the goals: under 0.5 % errors, no acknowledged write lost, every session kept, errors over within 10 s of each
# fault, the trail intact
awk -v r="$rate" -v a="$after_kill" -v b="$after_stop" -v c="$after_start" 'BEGIN { exit !(r < 0.5 && a <= 10 && b <= 10 && c <= 10) }' \
  && [ "$lost" = 0 ] && [ "$sessions" = yes ] && [ "$intact" = true ]
