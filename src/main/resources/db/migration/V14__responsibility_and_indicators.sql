-- The responsibility system (主体责任, Section II.5 of the seed): each team's list of tasks of ideological and
-- political construction for a year, each with an owner among the members (一岗双责) and a due date, and the team's
-- analysis meetings. Development indicators (Section I.4): the figures the statistics office enters for a unit.

CREATE TABLE responsibility_task (
    id              BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id         BIGINT       NOT NULL REFERENCES org_unit (id),
    year            INT          NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    task            VARCHAR(300) NOT NULL CHECK (length(btrim(task)) > 0),
    owner_cadre_id  BIGINT       NOT NULL REFERENCES cadre (id),
    due_on          DATE         NOT NULL,
    completed_on    DATE,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (unit_id, year, task)
);
CREATE INDEX responsibility_task_year_idx ON responsibility_task (year, unit_id);

CREATE TABLE analysis_meeting (
    id            BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id       BIGINT       NOT NULL REFERENCES org_unit (id),
    meeting_date  DATE         NOT NULL,
    topic         VARCHAR(300) NOT NULL CHECK (length(btrim(topic)) > 0),
    created_by    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (unit_id, meeting_date)
);
CREATE INDEX analysis_meeting_date_idx ON analysis_meeting (meeting_date, unit_id);

CREATE TABLE development_indicator (
    id               BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id          BIGINT        NOT NULL REFERENCES org_unit (id),
    year             INT           NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    indicator        VARCHAR(40)   NOT NULL CHECK (indicator IN ('GDP', 'TOWNSHIP_ENTERPRISE_VALUE_ADDED', 'FIXED_INVESTMENT',
                                                                 'INVESTMENT_PROJECTS', 'RURAL_INCOME_PER_CAPITA',
                                                                 'URBAN_INCOME_PER_CAPITA')),
    value            NUMERIC(20, 2) NOT NULL CHECK (value >= 0),
    unit_of_measure  VARCHAR(8)    NOT NULL CHECK (unit_of_measure IN ('元', '万元', '个')),
    source           VARCHAR(200)  NOT NULL CHECK (length(btrim(source)) > 0),
    published_on     DATE          NOT NULL,
    created_by       VARCHAR(64)   NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (unit_id, year, indicator)
);

-- The statistics office enters the indicators and does nothing else.
ALTER TABLE account_role DROP CONSTRAINT account_role_role_check;
ALTER TABLE account_role ADD CONSTRAINT account_role_role_check
    CHECK (role IN ('COUNTY_ADMIN', 'UNIT_ADMIN', 'CADRE', 'TRAINING_ADMIN', 'INSPECTOR', 'LEADER', 'SYSTEM_ADMIN',
                    'SECURITY_ADMIN', 'AUDIT_ADMIN', 'STATISTICS'));

INSERT INTO rule_definition (key, comparison, measure, applies_kind, sort_order) VALUES
    ('responsibility.analysis.perYear', 'AT_LEAST', 'COUNT', 'ALL', 900);

INSERT INTO rule_value (rule_key, applies_to, value, denominator, effective_from, source_title, source_article, note, created_by) VALUES
    ('responsibility.analysis.perYear', 'ALL', 4, 1, DATE '2000-01-01', '党委（党组）落实全面从严治党主体责任规定', '',
     '领导班子每季度专题分析研判一次（各地自定）', 'system');

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['responsibility_task', 'analysis_meeting', 'development_indicator']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION note_change()', t || '_note_change', t);
    END LOOP;
END
$$;
