-- The annual summary: drafts whose figures are computed live, and signed versions frozen with a hash.

CREATE TABLE summary_version (
    id          BIGSERIAL PRIMARY KEY,
    unit_id     BIGINT       NOT NULL REFERENCES org_unit (id),
    year        INT          NOT NULL,
    version     INT          NOT NULL,
    status      VARCHAR(8)   NOT NULL CHECK (status IN ('DRAFT', 'SIGNED')),
    -- the narrative: JSON object of sections; figures appear in it as {figure.key} and stay bound to the records
    narrative   TEXT         NOT NULL,
    -- for a signed version: the figures, problems and rules used, as JSON, and the SHA-256 of all of it
    frozen      TEXT,
    hash        CHAR(64),
    created_by  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    signed_by   VARCHAR(64),
    signed_at   TIMESTAMPTZ,
    CONSTRAINT summary_version_uk UNIQUE (unit_id, year, version),
    CONSTRAINT summary_signed CHECK (status = 'DRAFT' OR (frozen IS NOT NULL AND hash IS NOT NULL))
);

-- A signed version is never changed.
CREATE FUNCTION summary_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'SIGNED' THEN
        RAISE EXCEPTION 'a signed summary cannot be changed';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER summary_version_no_change BEFORE UPDATE OR DELETE ON summary_version
    FOR EACH ROW EXECUTE FUNCTION summary_version_frozen();
