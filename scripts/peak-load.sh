#!/usr/bin/env bash
# The peak mix of #16 measured from outside the JVM: Banzi on the seed-county demo (its embedded database), 100 cadres
# and 10 administrators signed in through the login form, and wrk (scripts/load/peak.lua) at rising concurrency.
# Prints, for each number of connections, the requests a second, p50, p99, errors and the CPU time a request of the
# server's JVM, of its database's processes and of wrk, then the highest rate held with p99 under 200 ms and no errors.
#
#   scripts/peak-load.sh [SECONDS_EACH]     # default 20; PEAK_CONNECTIONS="2 4 8 16 32" to choose the steps
#   PEAK_PAGES="/cadres /summary" then measures each page alone at PAGE_CONNECTIONS (default 16), as the 10
#   administrators (the /my/ pages and /me as the 100 cadres, /me as each cadre's own page); PEAK_CONNECTIONS=""
#   skips the mix
#   PEAK_PROFILE=/tmp/peak.jfr records the server with Java Flight Recorder while wrk runs (jcmd; read it with `jfr`);
#   PEAK_KEEP=1 keeps the work folder (the server's log, wrk's output)
#   PEAK_DATE (default today) the date the cadres' self-study entries are written for: the demo's records are of last
#   year, which the pages show, so a date in last year makes every entry change the figures the dashboard and the
#   summary show (the harder case); today's date changes only this year's
#   PEAK_JAR a jar to run instead of the one in target/ (to measure two builds one after the other)
#   PEAK_WARMUP (default 10) seconds of the same load before each measurement, not counted: a server that has run for
#   a while has compiled its code, a fresh one spends its first seconds compiling (the first page measured after a
#   start ran at a quarter of its later rate)
#
# Needs: wrk, curl, a JDK (the jar is built if target/ has none). The demo load takes about 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
steps="${PEAK_CONNECTIONS-2 4 8 16 32}"
port="${PEAK_PORT:-18090}"
password="Peak-Passphrase-8m"
work="$(mktemp -d /tmp/banzi-peak-XXXXXX)"
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; [ -n "${PEAK_KEEP:-}" ] || rm -rf "$work"' EXIT
for tool in wrk curl java; do command -v "$tool" >/dev/null || { echo "peak-load: $tool is missing" >&2; exit 2; }; done
jar="${PEAK_JAR:-$(ls target/banzi-*.jar 2>/dev/null | grep -v original | head -1 || true)}"
if [ -z "$jar" ]; then ./mvnw -B -q -DskipTests package; jar="$(ls target/banzi-*.jar | grep -v original | head -1)"; fi

BANZI_DATA_DIR="$work/data" BANZI_DB_EMBEDDED_PORT=0 BANZI_DEMO=seed-county BANZI_ADMIN_PASSWORD="$password" \
BANZI_SECURITY_ADMIN_PASSWORD="$password-S" SERVER_PORT="$port" MANAGEMENT_SERVER_PORT=0 \
  java -Xmx2g -jar "$jar" --server.address=127.0.0.1 > "$work/banzi.log" 2>&1 &
app=$!
base="http://127.0.0.1:$port"
until grep -q "Demo county SC loaded in" "$work/banzi.log"; do
  kill -0 "$app" 2>/dev/null || { tail -30 "$work/banzi.log"; echo "peak-load: Banzi stopped" >&2; exit 1; }
  sleep 1
done
echo "peak-load: demo loaded ($(grep -o 'Demo county SC loaded in [0-9]* s' "$work/banzi.log"))"
admin=(-u "admin:$password")

sign_in() { # user -> "COOKIE TOKEN" of a session signed in through the form, its CSRF token read from PAGE
  local user="$1" page="$2" jar="$work/jar-$1"
  local token
  token="$(curl -fs -c "$jar" "$base/login" | grep -o 'name="_csrf"[^>]*value="[^"]*"\|value="[^"]*"[^>]*name="_csrf"' | grep -o 'value="[^"]*"' | head -1 | cut -d'"' -f2)"
  curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "username=$user" --data-urlencode "password=$password" \
    --data-urlencode "_csrf=$token" "$base/login"
  local cookie
  cookie="$(awk '$6 == "JSESSIONID" || $6 == "SESSION" { print $6 "=" $7 }' "$jar" | tail -1)"
  # the page's token, from its <meta name="_csrf" content="...">
  token="$(curl -fs -b "$jar" "$base$page" | grep -o 'name="_csrf" content="[^"]*"' | head -1 | cut -d'"' -f4 || true)"
  echo "$cookie $token"
}

# 100 cadres of the registry, each with an account named by their number
curl -fs "${admin[@]}" "$base/api/cadres?size=500" -o "$work/cadres.json"
grep -o '"cadreNo":"[^"]*","name":"[^"]*","gender":"[^"]*","birthDate":"[^"]*","rank":"[^"]*","unitCode":"[^"]*"' "$work/cadres.json" \
  | sed -n 1,100p | sed 's/"cadreNo":"\([^"]*\)".*"unitCode":"\([^"]*\)"/\1 \2/' > "$work/picked"
: > "$work/cadre-sessions"
while read -r no unit; do
  curl -fs "${admin[@]}" -H 'Content-Type: application/json' "$base/api/accounts" \
    -d "{\"username\":\"$no\",\"displayName\":\"$no\",\"roles\":[\"CADRE\"],\"homeUnit\":\"$unit\",\"password\":\"$password\"}" >/dev/null
  echo "$(sign_in "$no" /my/study) $no" >> "$work/cadre-sessions"
done < "$work/picked"
: > "$work/admin-sessions"
for n in $(seq 1 10); do
  curl -fs "${admin[@]}" -H 'Content-Type: application/json' "$base/api/accounts" \
    -d "{\"username\":\"peakadmin$n\",\"displayName\":\"管理$n\",\"roles\":[\"UNIT_ADMIN\"],\"homeUnit\":\"COUNTY\",\"password\":\"$password\"}" >/dev/null
  sign_in "peakadmin$n" /units | cut -d' ' -f1 >> "$work/admin-sessions"
done
echo "peak-load: $(wc -l < "$work/cadre-sessions") cadres and $(wc -l < "$work/admin-sessions") administrators signed in"
curl -fs -o /dev/null -b "$(head -1 "$work/admin-sessions")" "$base/summary"   # warm

if [ -n "${PEAK_PROFILE:-}" ]; then jcmd "$app" JFR.start name=peak settings=profile filename="$PEAK_PROFILE" >/dev/null; fi
# CPU time so far of the server's JVM and of its database's processes (the postmaster and its children), in ticks
cpu() {
  local pm total=0 pid
  pm="$(pgrep -f -- "-D $work/data/pg" | head -1 || true)"
  total=$(awk '{ print $14 + $15 }' "/proc/$app/stat")
  local db=0
  for pid in $pm $(pgrep -P "${pm:-0}" || true); do
    db=$(( db + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total $db"
}
printf '\n| connections | requests/s | p50 ms | p99 ms | errors | JVM CPU ms a request | database CPU ms a request | wrk CPU ms a request |\n'
printf '|---|---|---|---|---|---|---|---|\n'
best=0
warmup="${PEAK_WARMUP:-10}"
day="${PEAK_DATE:-$(date +%F)}"
for c in $steps; do
  t=$(( c < 8 ? c : 8 ))
  [ "$warmup" = 0 ] || wrk -t"$t" -c"$c" -d"${warmup}s" --timeout 10s -s scripts/load/peak.lua "$base" -- \
    "$work/cadre-sessions" "$work/admin-sessions" "$day" > /dev/null 2>&1
  cpu_before="$(cpu)"
  TIMEFORMAT='%U %S'
  { time wrk -t"$t" -c"$c" -d"${seconds}s" --timeout 10s --latency -s scripts/load/peak.lua "$base" -- \
    "$work/cadre-sessions" "$work/admin-sessions" "$day" > "$work/wrk-$c.txt" 2>&1; } 2> "$work/wrk-$c.time"
  cpu_after="$(cpu)"
  rps="$(awk '/Requests\/sec/ { print $2 }' "$work/wrk-$c.txt")"
  p50="$(awk '$1 == "50%" { print $2 }' "$work/wrk-$c.txt")"; p99="$(awk '$1 == "99%" { print $2 }' "$work/wrk-$c.txt")"
  bad="$(awk '/Non-2xx or 3xx/ { print $5 } /Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$work/wrk-$c.txt" | awk '{ s += $1 } END { print s + 0 }')"
  printf '| %s | %s | %s | %s | %s |' "$c" "$rps" "$p50" "$p99" "${bad:-0}"
  requests="$(awk '/requests in/ { print $1 }' "$work/wrk-$c.txt")"
  echo "$cpu_before $cpu_after $(cat "$work/wrk-$c.time") $requests" | awk -v hz="$(getconf CLK_TCK)" '{
    n = $7 > 0 ? $7 : 1
    printf " %.2f | %.2f | %.2f |\n", ($3 - $1) / hz / n * 1000, ($4 - $2) / hz / n * 1000, ($5 + $6) / n * 1000 }'
  ms="$(echo "$p99" | awk '/ms$/ { sub("ms", ""); print $1 } /[0-9]s$/ && !/ms$/ { sub("s", ""); print $1 * 1000 } /us$/ { sub("us", ""); print $1 / 1000 }')"
  if awk -v m="$ms" -v b="${bad:-0}" 'BEGIN { exit !(m < 200 && b == 0) }'; then best="$rps"; fi
done
if [ -n "${PEAK_PAGES:-}" ]; then
  pc="${PAGE_CONNECTIONS:-16}"
  printf '\n| page (%s connections) | requests/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|\n' "$pc"
  for page in $PEAK_PAGES; do
    case "$page" in /my/*|/me) sessions="$work/cadre-sessions" ;; *) sessions="$work/admin-sessions" ;; esac
    out="$work/page.txt"
    [ "$warmup" = 0 ] || wrk -t"$(( pc < 8 ? pc : 8 ))" -c"$pc" -d"${warmup}s" --timeout 10s -s scripts/load/page.lua "$base" -- \
      "$sessions" "$page" > /dev/null 2>&1
    wrk -t"$(( pc < 8 ? pc : 8 ))" -c"$pc" -d"${seconds}s" --timeout 10s --latency -s scripts/load/page.lua "$base" -- "$sessions" "$page" > "$out" 2>&1
    bad="$(awk '/Non-2xx or 3xx/ { print $5 } /Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out" | awk '{ s += $1 } END { print s + 0 }')"
    printf '| %s | %s | %s | %s | %s |\n' "$page" "$(awk '/Requests\/sec/ { print $2 }' "$out")" \
      "$(awk '$1 == "50%" { print $2 }' "$out")" "$(awk '$1 == "99%" { print $2 }' "$out")" "$bad"
  done
fi
if [ -n "${PEAK_PROFILE:-}" ]; then jcmd "$app" JFR.stop name=peak >/dev/null; echo "peak-load: profile in $PEAK_PROFILE"; fi
echo
echo "peak-load: highest rate held with p99 under 200 ms and no errors: $best requests/s (goal 500)"
