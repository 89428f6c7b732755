-- The application runs as a role that owns no table, and PostgreSQL lets only a table's owner analyze it. After a bulk
-- write the application asks for fresh statistics through this function, which runs as the owner and analyzes only
-- tables of the schema by name (all of them when given none).
CREATE FUNCTION banzi_analyze(tables text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    t text;
BEGIN
    IF tables IS NULL OR cardinality(tables) = 0 THEN
        FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
            EXECUTE format('ANALYZE public.%I', t);
        END LOOP;
        RETURN;
    END IF;
    FOREACH t IN ARRAY tables LOOP
        IF EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = t) THEN
            EXECUTE format('ANALYZE public.%I', t);
        END IF;
    END LOOP;
END
$$;

REVOKE ALL ON FUNCTION banzi_analyze(text[]) FROM PUBLIC;
