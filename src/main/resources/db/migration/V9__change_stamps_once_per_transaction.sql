-- A change counts once per transaction and table, not once per statement: an import of 100,000 rows in batches
-- would otherwise update its session's row 100,000 times in one transaction, each update a new version of the row
-- that the next one must step over. The mark is a transaction-local setting, undone with the transaction (or the
-- savepoint) that set it, so a rolled-back change is neither counted nor marked.
CREATE OR REPLACE FUNCTION note_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mark text := 'banzi_changed.' || TG_TABLE_NAME;
BEGIN
    IF current_setting(mark, true) IS DISTINCT FROM '1' THEN
        PERFORM set_config(mark, '1', true);
        INSERT INTO change_stamp (table_name, backend, changes) VALUES (TG_TABLE_NAME, pg_backend_pid(), 1)
        ON CONFLICT (table_name, backend) DO UPDATE SET changes = change_stamp.changes + 1;
    END IF;
    RETURN NULL;
END
$$;
