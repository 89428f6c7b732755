#!/usr/bin/env bash
# Scans every parameterized GET of Banzi's JSON API with sqlmap (Debian's `sqlmap`) on a throw-away instance.
#
# The instance is the application with two additions from the test sources (org.banzi.scan.ScanControls): the list of
# endpoints to scan, and an endpoint that pastes its parameter into SQL on purpose. That endpoint is the positive
# control: when sqlmap does not find it, the scan proves nothing and this script fails. It fails too when sqlmap finds
# any other endpoint injectable. Exit 0 only when the control was found and nothing else.
#
#   scripts/security-scan.sh            # all endpoints
#   SCAN_LIMIT=5 scripts/security-scan.sh   # the control and the first 5 endpoints (a quick look)
#
# Needs: sqlmap, curl, a JDK (the Maven wrapper builds and starts the instance on port 18080, or SCAN_PORT).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${SCAN_PORT:-18080}"
password="Scan-Passphrase-Q9x"
work="$(mktemp -d)"
log="$work/banzi.log"
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; [ -n "${SCAN_KEEP:-}" ] || rm -rf "$work"' EXIT

command -v sqlmap >/dev/null || { echo "security-scan: sqlmap is not installed (apt-get install sqlmap)" >&2; exit 2; }

./mvnw -B -q -DskipTests test-compile
BANZI_DATA_DIR="$work/data" BANZI_ADMIN_PASSWORD="$password" BANZI_SECURITY_ADMIN_PASSWORD="$password-S" \
  ./mvnw -B -q spring-boot:test-run -Dspring-boot.run.main-class=org.banzi.scan.ScanTarget \
  -Dspring-boot.run.arguments="--server.port=$port --server.address=127.0.0.1 --management.server.port=0" >"$log" 2>&1 &
app=$!

# ready when the administrator (created just after the server opens its port) can sign in
for _ in $(seq 1 180); do
  if curl -fsS -o /dev/null -u "admin:$password" "http://127.0.0.1:$port/api/scan/endpoints"; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then echo "security-scan: Banzi did not start; its log:" >&2; tail -50 "$log" >&2; exit 2; fi
  sleep 1
done
curl -fsS -o /dev/null -u "admin:$password" "http://127.0.0.1:$port/api/scan/endpoints" \
  || { echo "security-scan: Banzi did not answer" >&2; exit 2; }

base="http://127.0.0.1:$port"
# integrity records answer the inspector alone (404 to anyone else): their endpoints are scanned as one
curl -fsS -o /dev/null -u "admin:$password" -H 'Content-Type: application/json' -X POST "$base/api/accounts" \
  -d "{\"username\":\"scan-inspector\",\"displayName\":\"scan\",\"roles\":[\"INSPECTOR\"],\"homeUnit\":\"COUNTY\",\"password\":\"$password\"}"
mapfile -t endpoints < <(curl -fsS -u "admin:$password" "$base/api/scan/endpoints" | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)))')
if [ -n "${SCAN_LIMIT:-}" ]; then endpoints=("${endpoints[@]:0:$SCAN_LIMIT}"); fi

# one sqlmap run; prints "injectable" or "clean"
scan() {
  local url="$1" out="$work/sqlmap-$2" user=admin
  case "$url" in /api/integrity/*) user=scan-inspector ;; esac
  sqlmap -u "$base$url" --auth-type=Basic --auth-cred="$user:$password" --batch --dbms=PostgreSQL \
    --level=1 --risk=1 --technique=BEU --flush-session --disable-coloring --output-dir="$out" >"$out.log" 2>&1 || true
  if grep -q "sqlmap identified the following injection point" "$out.log"; then echo injectable; else echo clean; fi
}

started=$(date +%s)
# the root unit's name (县委), so that a true and a false condition answer differently
control=$(scan "/api/scan/injectable?name=%E5%8E%BF%E5%A7%94" control)
echo "control /api/scan/injectable: $control"

found=0
n=0
for url in "${endpoints[@]}"; do
  n=$((n + 1))
  result=$(scan "$url" "$n")
  echo "$result $url"
  if [ "$result" = injectable ]; then found=$((found + 1)); fi
done
seconds=$(( $(date +%s) - started ))

echo "security-scan: $(date -u +%Y-%m-%d) endpoints=${#endpoints[@]} injectable=$found control=$control seconds=$seconds"
if [ "$control" != injectable ]; then
  echo "security-scan: FAILED: sqlmap did not find the deliberately injectable control, so the scan shows nothing" >&2
  exit 1
fi
if [ "$found" -gt 0 ]; then
  echo "security-scan: FAILED: $found endpoint(s) injectable" >&2
  exit 1
fi
