-- Foundation: organization tree, accounts, the audit trail, and Spring Modulith's event publication registry.

CREATE TABLE org_unit (
    id          BIGSERIAL PRIMARY KEY,
    code        VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    type        VARCHAR(32)  NOT NULL CHECK (type IN ('COUNTY_COMMITTEE', 'COUNTY_GOVERNMENT', 'TOWNSHIP',
                                                      'DEPARTMENT', 'VILLAGE', 'PARTY_SCHOOL', 'OTHER')),
    parent_id   BIGINT REFERENCES org_unit (id),
    -- materialised path of ids, '/1/7/42/': a subtree is a prefix match on an indexed column
    path        TEXT COLLATE "C" NOT NULL,
    depth       INT          NOT NULL,
    retired_on  DATE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT org_unit_code_uk UNIQUE (code),
    CONSTRAINT org_unit_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX org_unit_path_idx ON org_unit (path);
CREATE INDEX org_unit_parent_idx ON org_unit (parent_id);
CREATE INDEX org_unit_type_idx ON org_unit (type);

CREATE TABLE account (
    id                    BIGSERIAL PRIMARY KEY,
    username              VARCHAR(64)  NOT NULL,
    display_name          VARCHAR(100) NOT NULL,
    password_hash         VARCHAR(200) NOT NULL,
    home_unit_id          BIGINT       NOT NULL REFERENCES org_unit (id),
    enabled               BOOLEAN      NOT NULL DEFAULT TRUE,
    must_change_password  BOOLEAN      NOT NULL DEFAULT FALSE,
    failed_attempts       INT          NOT NULL DEFAULT 0,
    locked_until          TIMESTAMPTZ,
    last_login_at         TIMESTAMPTZ,
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_username_uk ON account (lower(username));

CREATE TABLE account_role (
    account_id  BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role        VARCHAR(32) NOT NULL CHECK (role IN ('COUNTY_ADMIN', 'UNIT_ADMIN', 'CADRE', 'TRAINING_ADMIN', 'INSPECTOR',
                                                    'LEADER', 'SYSTEM_ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN')),
    PRIMARY KEY (account_id, role)
);

-- The audit trail: append-only (the database refuses UPDATE, DELETE and TRUNCATE) and hash-chained.
CREATE TABLE audit_record (
    seq             BIGINT       PRIMARY KEY,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    actor           VARCHAR(64)  NOT NULL,
    action          VARCHAR(64)  NOT NULL,
    object_type     VARCHAR(64)  NOT NULL,
    object_id       VARCHAR(200),
    unit_id         BIGINT,
    outcome         VARCHAR(16)  NOT NULL,
    source_address  VARCHAR(64),
    details         TEXT         NOT NULL,
    prev_hash       CHAR(64)     NOT NULL,
    hash            CHAR(64)     NOT NULL
);
CREATE INDEX audit_record_occurred_idx ON audit_record (occurred_at);
CREATE INDEX audit_record_actor_idx ON audit_record (actor);
CREATE INDEX audit_record_object_idx ON audit_record (object_type, object_id);

CREATE FUNCTION audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_record_no_change BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_append_only();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only();

-- Spring Modulith event publication registry (schema v2 for PostgreSQL)
CREATE TABLE event_publication (
    id                      UUID NOT NULL,
    listener_id             TEXT NOT NULL,
    event_type              TEXT NOT NULL,
    serialized_event        TEXT NOT NULL,
    publication_date        TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date         TIMESTAMP WITH TIME ZONE,
    status                  TEXT,
    completion_attempts     INT,
    last_resubmission_date  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (id)
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
