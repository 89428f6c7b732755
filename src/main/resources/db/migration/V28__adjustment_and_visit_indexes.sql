-- A county's figures inside a province read only the county's records along these indexes (#16, ADR 0013).
-- The teams' departures (team_adjustment's second half) were a scan of every membership for each unit of the scope:
-- a county's count of departments adjusted took 138 ms on the demo province, 1.5 ms along this index.
CREATE INDEX team_membership_unit_end_idx ON team_membership (unit_id, end_date) WHERE end_date IS NOT NULL;
-- The visits to a scope's households were a scan of every visit (787,800 on the demo province): a county's
-- assistance figures took 229 ms, 29 ms along this index.
CREATE INDEX visit_household_date_idx ON visit (household_id, visit_date);
