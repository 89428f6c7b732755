-- Run by Flyway, as the owner of the tables, after every migration: what the role the application runs as
-- (${runtime_role}) may do. It reads and writes the tables and owns none; the audit trail it may only add to and
-- read; the migration history it may only read. Where the application runs as the owner itself (an external database
-- configured with one user), there is nothing to grant.
DO $$
BEGIN
    IF '${runtime_role}' <> '' AND '${runtime_role}' <> current_user THEN
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', '${runtime_role}');
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', '${runtime_role}');
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_record FROM %I', '${runtime_role}');
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM %I', '${runtime_role}');
        EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I', '${runtime_role}');
        EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO %I', '${runtime_role}');
    END IF;
END
$$;
