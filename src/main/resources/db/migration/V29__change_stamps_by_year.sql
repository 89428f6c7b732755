-- Changes to a cadre's self-study and notes counted by the year of their dates as well (ADR 0008), beside the count
-- by table (V8, V9) and by county (V27): a year's study figures are kept until an entry of that year changes, so the
-- entries cadres log this year do not make last year's figures (the summary's "year before", last year's report)
-- be computed again on every entry.
--
-- A year's changes are counted in change_stamp under the name table$year (self_study$2025), once per transaction
-- for each table and year a statement's rows had or have a date in, in the row of the writing session; the mark
-- banzi_changed.table$year tells Memo the transaction changed that year itself. A truncation counts in every year
-- the table has a count for, and the years already recorded get a count now, so a truncation reaches them too.
CREATE FUNCTION note_year_changes(tbl text, years integer[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    y integer;
    name text;
BEGIN
    FOREACH y IN ARRAY years LOOP
        name := tbl || '$' || y;
        IF current_setting('banzi_changed.' || name, true) IS DISTINCT FROM '1' THEN
            PERFORM set_config('banzi_changed.' || name, '1', true);
            INSERT INTO change_stamp (table_name, backend, changes) VALUES (name, pg_backend_pid(), 1)
            ON CONFLICT (table_name, backend) DO UPDATE SET changes = change_stamp.changes + 1;
        END IF;
    END LOOP;
END
$$;

CREATE FUNCTION note_year_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM note_year_changes(TG_TABLE_NAME, ARRAY(
        SELECT DISTINCT CAST(substr(table_name, length(TG_TABLE_NAME) + 2) AS integer) FROM change_stamp
         WHERE table_name LIKE TG_TABLE_NAME || '$%'));
    RETURN NULL;
END
$$;

-- one function a table, its statements written out so that their plans are kept from one statement to the next (V27)
DO $do$
DECLARE
    spec record;
    years constant text := 'ARRAY(SELECT DISTINCT CAST(extract(year FROM %1$I) AS integer) FROM %2$s)';
BEGIN
    FOR spec IN SELECT * FROM (VALUES ('self_study', 'study_date'), ('study_note', 'note_date')) AS t (table_name, date_column) LOOP
        EXECUTE format($f$
            CREATE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM note_year_changes(TG_TABLE_NAME, %2$s);
                ELSIF TG_OP = 'DELETE' THEN
                    PERFORM note_year_changes(TG_TABLE_NAME, %3$s);
                ELSE
                    PERFORM note_year_changes(TG_TABLE_NAME, %2$s || %3$s);
                END IF;
                RETURN NULL;
            END
            $body$
            $f$,
            spec.table_name || '_note_year_change', format(years, spec.date_column, 'new_rows'),
            format(years, spec.date_column, 'old_rows'));
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                spec.table_name || '_year_insert', spec.table_name, spec.table_name || '_note_year_change');
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows'
                || ' FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                spec.table_name || '_year_update', spec.table_name, spec.table_name || '_note_year_change');
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                spec.table_name || '_year_delete', spec.table_name, spec.table_name || '_note_year_change');
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION note_year_truncate()',
                spec.table_name || '_year_truncate', spec.table_name);
    END LOOP;
END
$do$;

-- the years already recorded, so that a truncation reaches them (their entries were written before this counted them)
INSERT INTO change_stamp (table_name, backend, changes)
SELECT 'self_study$' || y, 0, 1 FROM (SELECT DISTINCT CAST(extract(year FROM study_date) AS integer) AS y FROM self_study) AS years
UNION ALL
SELECT 'study_note$' || y, 0, 1 FROM (SELECT DISTINCT CAST(extract(year FROM note_date) AS integer) AS y FROM study_note) AS years
ON CONFLICT (table_name, backend) DO UPDATE SET changes = change_stamp.changes + 1;
