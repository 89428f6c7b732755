#!/usr/bin/env bash
# #16 goal 1: the province's summary after a change inside one county, against that county's own summary after the
# same kind of change (docs/benchmarks.md). For a demo province (BANZI_DEMO=province) only: it writes to the records
# (a self-study entry per run, and touches an enrolment, a cadre, a township and a rule value of the county).
#
#   BANZI_PASSWORD=... PGURL=postgresql://postgres:...@127.0.0.1:5432/banzi scripts/province-after-change.sh
#
# BASE (http://127.0.0.1:8080), BANZI_USER (admin), COUNTY (P050CC), YEAR (last year), REPS (3), PROBLEMS (false:
# figures only; true: with the problems). Prints each time in seconds, then the medians and their ratio.
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:8080}
AUTH="${BANZI_USER:-admin}:${BANZI_PASSWORD:?set BANZI_PASSWORD}"
PGURL=${PGURL:?set PGURL, a libpq URL of the database for its owner or a superuser}
PROBLEMS=${PROBLEMS:-false}
REPS=${REPS:-3}
YEAR=${YEAR:-$(( $(date +%Y) - 1 ))}
C=${COUNTY:-P050CC}

q() { psql "$PGURL" -Atqc "$1"; }
summary() { curl -s -f -o /dev/null -w "%{time_total}" -u "$AUTH" "$BASE/api/summary?year=$YEAR&problems=$PROBLEMS$1"; }
median() { tr ' ' '\n' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

CPATH=$(q "SELECT path FROM org_unit WHERE code = '$C'")
CID=$(q "SELECT id FROM org_unit WHERE code = '$C'")
CADRE=$(q "SELECT c.id FROM cadre c JOIN org_unit u ON u.id = c.home_unit_id WHERE u.path LIKE '$CPATH%' ORDER BY c.id LIMIT 1")
ENROLMENT=$(q "SELECT e.id FROM enrolment e JOIN training_class k ON k.id = e.class_id JOIN org_unit u ON u.id = k.organizer_unit_id
               WHERE u.path LIKE '$CPATH%' ORDER BY e.id LIMIT 1")
TOWNSHIP=$(q "SELECT min(id) FROM org_unit WHERE type = 'TOWNSHIP' AND path LIKE '$CPATH%'")
RULE=$(q "SELECT min(id) FROM rule_value WHERE unit_id IN (SELECT id FROM org_unit WHERE path LIKE '$CPATH%')")
if [ -z "$RULE" ]; then
  RULE=$(q "INSERT INTO rule_value (rule_key, applies_to, unit_id, value, denominator, effective_from, source_title, source_article,
                                    note, created_by)
            SELECT rule_key, applies_to, $CID, value, denominator, effective_from, source_title, source_article, 'county copy', 'bench'
              FROM rule_value WHERE unit_id IS NULL ORDER BY id LIMIT 1 RETURNING id")
fi

n=0
change() {
  n=$((n + 1))
  case $1 in
    study) q "INSERT INTO self_study (cadre_id, study_date, hours, material) VALUES ($CADRE, '$YEAR-06-01', 1, 'bench-$n-$RANDOM')" ;;
    training) q "UPDATE enrolment SET absent_hours = absent_hours WHERE id = $ENROLMENT" ;;
    cadre) q "UPDATE cadre SET name = name WHERE id = $CADRE" ;;
    unit) q "UPDATE org_unit SET name = name WHERE id = $TOWNSHIP" ;;
    rule) q "UPDATE rule_value SET note = note WHERE id = $RULE" ;;
  esac
}

summary "" > /dev/null
summary "&unit=$C" > /dev/null
echo "kind province-times county-times | province-median county-median ratio"
for kind in study training cadre unit rule; do
  P=() K=()
  for _ in $(seq "$REPS"); do
    change "$kind"; P+=("$(summary "")")
    change "$kind"; K+=("$(summary "&unit=$C")")
  done
  pm=$(echo "${P[*]}" | median); km=$(echo "${K[*]}" | median)
  echo "$kind ${P[*]} / ${K[*]} | $pm $km $(awk -v p="$pm" -v k="$km" 'BEGIN { printf "%.1f", p / k }')"
done
