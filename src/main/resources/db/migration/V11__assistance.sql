-- Serving the people: the pairing-assistance ledger. Sites of a year (well-off demonstration sites and key villages)
-- with their county-level leader and supporting departments, households, pairings of cadres with households,
-- visits, and help given. Owned by the assistance module.

CREATE TABLE assistance_site (
    id              BIGSERIAL PRIMARY KEY,
    year            INT          NOT NULL CHECK (year BETWEEN 1949 AND 9999),
    village_id      BIGINT       NOT NULL REFERENCES org_unit (id),
    kind            VARCHAR(24)  NOT NULL CHECK (kind IN ('DEMONSTRATION_SITE', 'KEY_VILLAGE')),
    leader_cadre_id BIGINT       NOT NULL REFERENCES cadre (id),
    targets         TEXT         NOT NULL DEFAULT '',
    progress        TEXT         NOT NULL DEFAULT '',
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT assistance_site_uk UNIQUE (year, village_id)
);

CREATE TABLE assistance_site_department (
    site_id         BIGINT NOT NULL REFERENCES assistance_site (id) ON DELETE CASCADE,
    unit_id         BIGINT NOT NULL REFERENCES org_unit (id),
    PRIMARY KEY (site_id, unit_id)
);

-- Minimal personal data: the head's name, the number of members, the status; the ID number only encrypted
CREATE TABLE household (
    id              BIGSERIAL PRIMARY KEY,
    code            VARCHAR(64)  NOT NULL UNIQUE,
    village_id      BIGINT       NOT NULL REFERENCES org_unit (id),
    head_name       VARCHAR(100) NOT NULL,
    members         INT          NOT NULL CHECK (members > 0),
    status          VARCHAR(12)  NOT NULL CHECK (status IN ('POOR', 'LIFTED', 'MONITORED')),
    id_number_cipher TEXT,
    id_number_masked VARCHAR(18),
    id_number_index  VARCHAR(64),
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX household_village_idx ON household (village_id);
CREATE UNIQUE INDEX household_id_number_uk ON household (id_number_index) WHERE id_number_index IS NOT NULL;

CREATE TABLE pairing (
    id              BIGSERIAL PRIMARY KEY,
    year            INT          NOT NULL CHECK (year BETWEEN 1949 AND 9999),
    cadre_id        BIGINT       NOT NULL REFERENCES cadre (id),
    household_id    BIGINT       NOT NULL REFERENCES household (id),
    start_date      DATE         NOT NULL,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT pairing_uk UNIQUE (year, cadre_id, household_id)
);
CREATE INDEX pairing_household_idx ON pairing (household_id);

CREATE TABLE visit (
    id              BIGSERIAL PRIMARY KEY,
    visit_date      DATE         NOT NULL,
    cadre_id        BIGINT       NOT NULL REFERENCES cadre (id),
    household_id    BIGINT       NOT NULL REFERENCES household (id),
    what            TEXT         NOT NULL DEFAULT '',
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT visit_uk UNIQUE (visit_date, cadre_id, household_id)
);
CREATE INDEX visit_pair_idx ON visit (cadre_id, household_id, visit_date);
CREATE INDEX visit_date_idx ON visit (visit_date);

CREATE TABLE assistance_help (
    id              BIGSERIAL PRIMARY KEY,
    code            VARCHAR(64)   NOT NULL UNIQUE,
    help_date       DATE          NOT NULL,
    kind            VARCHAR(12)   NOT NULL CHECK (kind IN ('FUNDS', 'MATERIALS', 'HOUSING')),
    amount          NUMERIC(14, 2) CHECK (amount IS NULL OR amount >= 0),
    houses          INT           CHECK (houses IS NULL OR houses >= 0),
    village_id      BIGINT        REFERENCES org_unit (id),
    household_id    BIGINT        REFERENCES household (id),
    provider_unit_id BIGINT       NOT NULL REFERENCES org_unit (id),
    note            TEXT          NOT NULL DEFAULT '',
    created_by      VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT assistance_help_to CHECK ((village_id IS NULL) <> (household_id IS NULL)),
    CONSTRAINT assistance_help_measure CHECK ((kind = 'HOUSING' AND houses IS NOT NULL AND amount IS NULL)
                                           OR (kind <> 'HOUSING' AND amount IS NOT NULL AND houses IS NULL))
);
CREATE INDEX assistance_help_date_idx ON assistance_help (help_date);

INSERT INTO rule_definition (key, comparison, measure, applies_kind, sort_order) VALUES
    ('assistance.site.departments',      'AT_LEAST', 'COUNT', 'ALL', 710),
    ('assistance.site.leaders',          'AT_LEAST', 'COUNT', 'ALL', 715),
    ('assistance.pairing.maxHouseholds', 'AT_MOST',  'COUNT', 'ALL', 720),
    ('assistance.visit.maxGapDays',      'AT_MOST',  'DAYS',  'ALL', 730);

INSERT INTO rule_value (rule_key, applies_to, value, denominator, effective_from, source_title, source_article, note, created_by) VALUES
    ('assistance.site.departments', 'ALL', 4, 1, DATE '2000-01-01', '县小康示范点和重点村帮扶方案', '', '每个点（村）由一名县级领导联系、四个县直部门重点帮扶', 'system'),
    ('assistance.site.leaders', 'ALL', 1, 1, DATE '2000-01-01', '县小康示范点和重点村帮扶方案', '', '每个点（村）确定一名县级领导联系', 'system'),
    ('assistance.pairing.maxHouseholds', 'ALL', 2, 1, DATE '2000-01-01', '县干部结对帮扶方案', '', '每名干部结对帮扶不超过2户', 'system'),
    ('assistance.visit.maxGapDays', 'ALL', 90, 1, DATE '2000-01-01', '县干部结对帮扶方案', '', '至少每90天走访一次结对户（各地自定）', 'system');

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['assistance_site', 'assistance_site_department', 'household', 'pairing', 'visit', 'assistance_help']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION note_change()', t || '_note_change', t);
    END LOOP;
END
$$;
