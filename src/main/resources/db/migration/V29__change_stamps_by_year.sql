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

CREATE FUNCTION self_study_note_year_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM note_year_changes(TG_TABLE_NAME, ARRAY(SELECT DISTINCT CAST(extract(year FROM study_date) AS integer) FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM note_year_changes(TG_TABLE_NAME, ARRAY(SELECT DISTINCT CAST(extract(year FROM study_date) AS integer) FROM old_rows));
    ELSE
        PERFORM note_year_changes(TG_TABLE_NAME, ARRAY(SELECT CAST(extract(year FROM study_date) AS integer) FROM new_rows
                                                       UNION SELECT CAST(extract(year FROM study_date) AS integer) FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION study_note_note_year_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM note_year_changes(TG_TABLE_NAME, ARRAY(SELECT DISTINCT CAST(extract(year FROM note_date) AS integer) FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM note_year_changes(TG_TABLE_NAME, ARRAY(SELECT DISTINCT CAST(extract(year FROM note_date) AS integer) FROM old_rows));
    ELSE
        PERFORM note_year_changes(TG_TABLE_NAME, ARRAY(SELECT CAST(extract(year FROM note_date) AS integer) FROM new_rows
                                                       UNION SELECT CAST(extract(year FROM note_date) AS integer) FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER self_study_year_insert AFTER INSERT ON self_study REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION self_study_note_year_change();
CREATE TRIGGER self_study_year_update AFTER UPDATE ON self_study REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION self_study_note_year_change();
CREATE TRIGGER self_study_year_delete AFTER DELETE ON self_study REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION self_study_note_year_change();
CREATE TRIGGER self_study_year_truncate AFTER TRUNCATE ON self_study
    FOR EACH STATEMENT EXECUTE FUNCTION note_year_truncate();

CREATE TRIGGER study_note_year_insert AFTER INSERT ON study_note REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION study_note_note_year_change();
CREATE TRIGGER study_note_year_update AFTER UPDATE ON study_note REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION study_note_note_year_change();
CREATE TRIGGER study_note_year_delete AFTER DELETE ON study_note REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION study_note_note_year_change();
CREATE TRIGGER study_note_year_truncate AFTER TRUNCATE ON study_note
    FOR EACH STATEMENT EXECUTE FUNCTION note_year_truncate();

-- the years already recorded, so that a truncation reaches them (their entries were written before this counted them)
INSERT INTO change_stamp (table_name, backend, changes)
SELECT 'self_study$' || y, 0, 1 FROM (SELECT DISTINCT CAST(extract(year FROM study_date) AS integer) AS y FROM self_study) AS years
UNION ALL
SELECT 'study_note$' || y, 0, 1 FROM (SELECT DISTINCT CAST(extract(year FROM note_date) AS integer) AS y FROM study_note) AS years
ON CONFLICT (table_name, backend) DO UPDATE SET changes = change_stamp.changes + 1;
