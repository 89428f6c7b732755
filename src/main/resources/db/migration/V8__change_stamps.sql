-- Every write to the records counts itself here, per table and per database session, in the writing transaction:
-- the sum of a table's rows changes exactly when a change to the table commits, so a figure computed from some
-- tables can be kept until their sum moves. One row per session means no two sessions ever wait on each other's
-- count; the rows of sessions that have ended are folded into session 0 from time to time.
CREATE TABLE change_stamp (
    table_name  varchar(64) NOT NULL,
    backend     integer     NOT NULL,
    changes     bigint      NOT NULL,
    PRIMARY KEY (table_name, backend)
);

CREATE FUNCTION note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO change_stamp (table_name, backend, changes) VALUES (TG_TABLE_NAME, pg_backend_pid(), 1)
    ON CONFLICT (table_name, backend) DO UPDATE SET changes = change_stamp.changes + 1;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['org_unit', 'rule_definition', 'rule_value', 'cadre', 'post', 'team_membership',
            'study_plan_item', 'group_session', 'group_session_attendance', 'group_session_material', 'self_study',
            'study_note', 'training_class', 'training_stage', 'enrolment', 'training_certificate']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION note_change()', t || '_note_change', t);
    END LOOP;
END
$$;
