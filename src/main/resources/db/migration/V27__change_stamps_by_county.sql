-- Changes counted by the county they fell in (ADR 0013), beside the count by table (V8, V9): a province's summary
-- keeps each county's part of a figure until a change in that county commits, instead of computing the whole
-- province again after any change anywhere.
--
-- The county of a unit is the deepest county committee on its path, itself included. A row reaches the units a
-- figure may count it under: its own unit, its cadre's home unit and the units of the cadre's posts and teams, the
-- unit of the meeting, class or village it belongs to. A change counts once per transaction for each table and
-- county it touched, in the row of the writing session (as V8 and V9). County 0 stands for "not known, or
-- everywhere": a change to a default rule, to the calendar, a truncation, or a row whose units cannot be found;
-- every county's part reads it.
CREATE TABLE change_stamp_county (
    table_name  varchar(64) NOT NULL,
    county_id   bigint      NOT NULL,
    backend     integer     NOT NULL,
    changes     bigint      NOT NULL,
    PRIMARY KEY (table_name, county_id, backend)
);

-- The counties whose records reach another county's through one person (a cadre with posts, teams or classes in
-- two counties): a figure that counts a person once across counties is not the sum of its counties' figures there,
-- and a province keeps its figures outside the counties only while nothing changes in these. A statement whose rows
-- reach more than one county adds them; a county is never taken out (it stays entangled, which costs time only).
CREATE TABLE county_entangled (
    county_id   bigint PRIMARY KEY
);

-- A truncation reaches every county.
CREATE FUNCTION note_county_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mark text := 'banzi_changed_county.' || TG_TABLE_NAME || '_0';
BEGIN
    IF current_setting(mark, true) IS DISTINCT FROM '1' THEN
        PERFORM set_config(mark, '1', true);
        INSERT INTO change_stamp_county (table_name, county_id, backend, changes) VALUES (TG_TABLE_NAME, 0, pg_backend_pid(), 1)
        ON CONFLICT ON CONSTRAINT change_stamp_county_pkey DO UPDATE SET changes = change_stamp_county.changes + 1;
    END IF;
    RETURN NULL;
END
$$;

DO $do$
DECLARE
    -- the units a cadre's records may be counted under, or counted once across: the cadres' home units, the units
    -- of their posts and teams, and the organizers of the classes they enrolled in (CADRES: the cadres' ids)
    of_cadres constant text := 'SELECT c.home_unit_id FROM cadre c WHERE c.id IN (CADRES)
        UNION SELECT p.unit_id FROM post p WHERE p.cadre_id IN (CADRES)
        UNION SELECT m.unit_id FROM team_membership m WHERE m.cadre_id IN (CADRES)
        UNION SELECT k.organizer_unit_id FROM enrolment e JOIN training_class k ON k.id = e.class_id WHERE e.cadre_id IN (CADRES)';
    cadres constant text := replace(of_cadres, 'CADRES', 'SELECT cadre_id FROM %1$s');
    spec record;
    event text;
    paths_old text;
    paths_new text;
    paths_both text;
    -- counts a change once per transaction in each county the paths lie in (the deepest county committee on the
    -- path; 0 for a path with none, or for a unit not found or not given); counties reached together are entangled
    stamp constant text := $s$
        WITH county AS (
                 SELECT DISTINCT COALESCE((SELECT k.id FROM org_unit k
                                            WHERE k.id = ANY (CAST(string_to_array(trim(BOTH '/' FROM p.path), '/') AS bigint[]))
                                              AND k.type = 'COUNTY_COMMITTEE'
                                            ORDER BY k.depth DESC LIMIT 1), 0) AS id
                   FROM (%s) AS p (path)),
             entangled AS (
                 INSERT INTO county_entangled (county_id)
                 SELECT id FROM county WHERE id > 0 AND (SELECT count(*) FROM county WHERE id > 0) > 1
                 ON CONFLICT DO NOTHING)
        INSERT INTO change_stamp_county (table_name, county_id, backend, changes)
        SELECT TG_TABLE_NAME, c.id, pg_backend_pid(), 1 FROM county c
         WHERE CASE WHEN current_setting('banzi_changed_county.' || TG_TABLE_NAME || '_' || c.id, true) = '1' THEN false
                    ELSE set_config('banzi_changed_county.' || TG_TABLE_NAME || '_' || c.id, '1', true) = '1' END
        ON CONFLICT ON CONSTRAINT change_stamp_county_pkey DO UPDATE SET changes = change_stamp_county.changes + 1$s$;
BEGIN

    FOR spec IN SELECT * FROM (VALUES
        ('org_unit', ''),
        ('rule_definition', 'SELECT CAST(NULL AS bigint) FROM %1$s'),
        ('rule_value', 'SELECT unit_id FROM %1$s'),
        ('holiday', 'SELECT CAST(NULL AS bigint) FROM %1$s'),
        ('cadre', 'SELECT home_unit_id FROM %1$s UNION ' || replace(of_cadres, 'CADRES', 'SELECT id FROM %1$s')),
        ('post', 'SELECT unit_id FROM %1$s UNION ' || cadres),
        ('team_membership', 'SELECT unit_id FROM %1$s UNION ' || cadres),
        ('promotion_due', cadres),
        ('study_plan_item', 'SELECT unit_id FROM %1$s'),
        ('group_session', 'SELECT unit_id FROM %1$s'),
        ('group_session_attendance', 'SELECT s.unit_id FROM group_session s WHERE s.id IN (SELECT session_id FROM %1$s) UNION ' || cadres),
        ('group_session_material', 'SELECT s.unit_id FROM group_session s WHERE s.id IN (SELECT session_id FROM %1$s)'),
        ('self_study', cadres),
        ('study_note', cadres),
        ('training_class', 'SELECT organizer_unit_id FROM %1$s UNION ' || replace(of_cadres, 'CADRES', '
             SELECT e.cadre_id FROM enrolment e WHERE e.class_id IN (SELECT id FROM %1$s)')),
        ('training_stage', 'SELECT k.organizer_unit_id FROM training_class k WHERE k.id IN (SELECT class_id FROM %1$s)
             UNION ' || replace(of_cadres, 'CADRES', 'SELECT e.cadre_id FROM enrolment e WHERE e.class_id IN (SELECT class_id FROM %1$s)')),
        ('enrolment', 'SELECT k.organizer_unit_id FROM training_class k WHERE k.id IN (SELECT class_id FROM %1$s) UNION ' || cadres),
        ('training_certificate', 'SELECT k.organizer_unit_id FROM training_class k JOIN enrolment e ON e.class_id = k.id
             WHERE e.id IN (SELECT enrolment_id FROM %1$s)
             UNION ' || replace(of_cadres, 'CADRES', 'SELECT e.cadre_id FROM enrolment e WHERE e.id IN (SELECT enrolment_id FROM %1$s)')),
        ('life_meeting', 'SELECT unit_id FROM %1$s'),
        ('life_meeting_attendance', 'SELECT m.unit_id FROM life_meeting m WHERE m.id IN (SELECT meeting_id FROM %1$s) UNION ' || cadres),
        ('heart_talk', 'SELECT unit_id FROM %1$s UNION ' || replace(of_cadres, 'CADRES', '
             SELECT from_cadre_id FROM %1$s UNION SELECT to_cadre_id FROM %1$s')),
        ('rectification_item', 'SELECT unit_id FROM %1$s UNION ' || replace(of_cadres, 'CADRES', 'SELECT owner_cadre_id FROM %1$s')),
        ('rectification_review', 'SELECT m.unit_id FROM life_meeting m WHERE m.id IN (SELECT meeting_id FROM %1$s)
             UNION SELECT i.unit_id FROM rectification_item i WHERE i.id IN (SELECT item_id FROM %1$s)'),
        ('rectification_history', 'SELECT i.unit_id FROM rectification_item i WHERE i.id IN (SELECT item_id FROM %1$s)'),
        ('collective_decision', 'SELECT unit_id FROM %1$s'),
        ('decision_cadre', 'SELECT d.unit_id FROM collective_decision d WHERE d.id IN (SELECT decision_id FROM %1$s) UNION ' || cadres),
        ('notification_meeting', 'SELECT unit_id FROM %1$s'),
        ('assistance_site', 'SELECT village_id FROM %1$s UNION ' || replace(of_cadres, 'CADRES', 'SELECT leader_cadre_id FROM %1$s')),
        ('assistance_site_department', 'SELECT unit_id FROM %1$s
             UNION SELECT s.village_id FROM assistance_site s WHERE s.id IN (SELECT site_id FROM %1$s)'),
        ('household', 'SELECT village_id FROM %1$s'),
        ('pairing', 'SELECT h.village_id FROM household h WHERE h.id IN (SELECT household_id FROM %1$s) UNION ' || cadres),
        ('visit', 'SELECT h.village_id FROM household h WHERE h.id IN (SELECT household_id FROM %1$s) UNION ' || cadres),
        ('assistance_help', 'SELECT village_id FROM %1$s WHERE village_id IS NOT NULL UNION SELECT provider_unit_id FROM %1$s
             UNION SELECT h.village_id FROM household h WHERE h.id IN (SELECT household_id FROM %1$s)'),
        ('personal_matters_report', cadres),
        ('personal_matters_check', cadres),
        ('event_filing', cadres),
        ('tipoff', 'SELECT about_unit_id FROM %1$s UNION ' || replace(of_cadres, 'CADRES', '
             SELECT about_cadre_id FROM %1$s WHERE about_cadre_id IS NOT NULL')),
        ('assessment_cycle', 'SELECT unit_id FROM %1$s'),
        ('duty_report', 'SELECT y.unit_id FROM assessment_cycle y WHERE y.id IN (SELECT cycle_id FROM %1$s) UNION ' || cadres),
        ('appraisal', 'SELECT unit_id FROM %1$s UNION SELECT y.unit_id FROM assessment_cycle y WHERE y.id IN (SELECT cycle_id FROM %1$s)'),
        ('ballot', 'SELECT a.unit_id FROM appraisal a WHERE a.id IN (SELECT appraisal_id FROM %1$s)
             UNION SELECT y.unit_id FROM assessment_cycle y JOIN appraisal a ON a.cycle_id = y.id
              WHERE a.id IN (SELECT appraisal_id FROM %1$s)'),
        ('grade', 'SELECT unit_id FROM %1$s WHERE unit_id IS NOT NULL
             UNION SELECT y.unit_id FROM assessment_cycle y WHERE y.id IN (SELECT cycle_id FROM %1$s)
             UNION ' || replace(of_cadres, 'CADRES', 'SELECT cadre_id FROM %1$s WHERE cadre_id IS NOT NULL')),
        ('responsibility_task', 'SELECT unit_id FROM %1$s UNION ' || replace(of_cadres, 'CADRES', 'SELECT owner_cadre_id FROM %1$s')),
        ('analysis_meeting', 'SELECT unit_id FROM %1$s'),
        ('development_indicator', 'SELECT unit_id FROM %1$s')
    ) AS t (table_name, units) LOOP
        IF spec.table_name = 'org_unit' THEN
            -- a unit added or removed is in its own county; one changed (moved, made a county committee) touches the
            -- county it was in as well, its parent's, and ties them together: its people may now reach both
            paths_old := 'SELECT path FROM old_rows';
            paths_new := 'SELECT path FROM new_rows';
            paths_both := 'SELECT x.p FROM (SELECT path FROM new_rows UNION ALL SELECT path FROM old_rows) AS r,'
                    || ' LATERAL (VALUES (r.path), (regexp_replace(r.path, ''[0-9]+/$'', ''''))) AS x (p)';
        ELSE
            -- the paths of the units the rows reach (NULL for a unit not found, or none)
            paths_old := format('SELECT o.path FROM (SELECT DISTINCT u FROM (' || spec.units || ') AS x (u)) AS x'
                    || ' LEFT JOIN org_unit o ON o.id = x.u', 'old_rows');
            paths_new := replace(paths_old, 'old_rows', 'new_rows');
            paths_both := paths_new || ' UNION ALL ' || paths_old;
        END IF;
        -- one function a table, its statement written out so that its plan is kept from one statement to the next
        EXECUTE format($f$
            CREATE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    %2$s;
                ELSIF TG_OP = 'INSERT' THEN
                    %3$s;
                ELSE
                    %4$s;
                END IF;
                RETURN NULL;
            END
            $body$
            $f$,
            spec.table_name || '_note_county_change', format(stamp, paths_old), format(stamp, paths_new),
            format(stamp, paths_both));
        FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                    spec.table_name || '_county_' || lower(event), event, spec.table_name,
                    CASE event WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
                               ELSE 'NEW TABLE AS new_rows OLD TABLE AS old_rows' END,
                    spec.table_name || '_note_county_change');
        END LOOP;
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION note_county_truncate()',
                spec.table_name || '_county_truncate', spec.table_name);
    END LOOP;
END
$do$;

-- The counties entangled by the records already kept: those of every cadre whose home, posts, teams, classes,
-- sites led and households paired or visited lie in more than one county, and those of a department supporting a
-- site, or of help given to a household, in another county.
WITH county_of_unit AS (
         SELECT u.id AS unit_id,
                COALESCE((SELECT k.id FROM org_unit k
                           WHERE k.id = ANY (CAST(string_to_array(trim(BOTH '/' FROM u.path), '/') AS bigint[]))
                             AND k.type = 'COUNTY_COMMITTEE'
                           ORDER BY k.depth DESC LIMIT 1), 0) AS county_id
           FROM org_unit u),
     reach AS (
         SELECT r.tie, c.county_id
           FROM (SELECT 'c' || id AS tie, home_unit_id AS unit_id FROM cadre
                 UNION ALL SELECT 'c' || cadre_id, unit_id FROM post
                 UNION ALL SELECT 'c' || cadre_id, unit_id FROM team_membership
                 UNION ALL SELECT 'c' || e.cadre_id, k.organizer_unit_id FROM enrolment e JOIN training_class k ON k.id = e.class_id
                 UNION ALL SELECT 'c' || leader_cadre_id, village_id FROM assistance_site
                 UNION ALL SELECT 'c' || p.cadre_id, h.village_id FROM pairing p JOIN household h ON h.id = p.household_id
                 UNION ALL SELECT 'c' || v.cadre_id, h.village_id FROM visit v JOIN household h ON h.id = v.household_id
                 UNION ALL SELECT 'd' || d.unit_id, d.unit_id FROM assistance_site_department d
                 UNION ALL SELECT 'd' || d.unit_id, s.village_id FROM assistance_site_department d JOIN assistance_site s ON s.id = d.site_id
                 UNION ALL SELECT 'h' || a.id, a.village_id FROM assistance_help a WHERE a.village_id IS NOT NULL
                 UNION ALL SELECT 'h' || a.id, h.village_id FROM assistance_help a JOIN household h ON h.id = a.household_id) r
           JOIN county_of_unit c USING (unit_id)
          WHERE c.county_id > 0)
INSERT INTO county_entangled (county_id)
SELECT DISTINCT county_id FROM reach
 WHERE tie IN (SELECT tie FROM reach GROUP BY tie HAVING min(county_id) <> max(county_id));
