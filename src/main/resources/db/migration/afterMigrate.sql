-- Run by Flyway, as the owner of the tables, after every migration: what the role the application runs as
-- (${runtime_role}) may do. It reads and writes the tables and owns none; the audit trail it may only add to and
-- read; the migration history it may only read. Where the application runs as the owner itself (an external database
-- configured with one user), there is nothing to grant. Only what the owner owns is granted: an extension a database
-- administrator installed in the schema (pg_stat_statements, say) is the administrator's, and granting on it would fail.
DO $$
DECLARE
    object text;
BEGIN
    IF '${runtime_role}' <> '' AND '${runtime_role}' <> current_user THEN
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', '${runtime_role}');
        FOR object IN SELECT c.oid::regclass::text FROM pg_class c
                       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                         AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) LOOP
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %I', object, '${runtime_role}');
        END LOOP;
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_record FROM %I', '${runtime_role}');
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM %I', '${runtime_role}');
        FOR object IN SELECT c.oid::regclass::text FROM pg_class c
                       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
                         AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) LOOP
            EXECUTE format('GRANT USAGE, SELECT, UPDATE ON SEQUENCE %s TO %I', object, '${runtime_role}');
        END LOOP;
        FOR object IN SELECT p.oid::regprocedure::text FROM pg_proc p
                       WHERE p.pronamespace = 'public'::regnamespace
                         AND p.proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) LOOP
            EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO %I', object, '${runtime_role}');
        END LOOP;
    END IF;
END
$$;
