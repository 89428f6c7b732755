-- Assessment: the year-end cycle over a unit's subtree, duty reports (drafted from records; only the cadre's own words
-- are stored), democratic appraisal by one-time codes and anonymous ballots, proposed and final grades. Owned by the
-- assessment module.

CREATE TABLE assessment_cycle (
    id              BIGSERIAL PRIMARY KEY,
    year            INT          NOT NULL CHECK (year BETWEEN 1949 AND 9999),
    unit_id         BIGINT       NOT NULL REFERENCES org_unit (id),
    opens           DATE         NOT NULL,
    closes          DATE         NOT NULL,
    closed_at       TIMESTAMPTZ,
    grades_signed_at TIMESTAMPTZ,
    grades_hash     VARCHAR(64),
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT assessment_cycle_uk UNIQUE (year, unit_id),
    CONSTRAINT assessment_cycle_dates CHECK (closes >= opens)
);

CREATE TABLE duty_report (
    id              BIGSERIAL PRIMARY KEY,
    cycle_id        BIGINT       NOT NULL REFERENCES assessment_cycle (id),
    cadre_id        BIGINT       NOT NULL REFERENCES cadre (id),
    own_words       TEXT         NOT NULL DEFAULT '',
    submitted_on    DATE,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT duty_report_uk UNIQUE (cycle_id, cadre_id)
);

CREATE TABLE appraisal (
    id              BIGSERIAL PRIMARY KEY,
    cycle_id        BIGINT       NOT NULL REFERENCES assessment_cycle (id),
    unit_id         BIGINT       NOT NULL REFERENCES org_unit (id),
    voters          INT          NOT NULL CHECK (voters > 0),
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT appraisal_uk UNIQUE (cycle_id, unit_id)
);

-- One-time codes, stored only as their SHA-256: the codes themselves exist only on the printed sheet
CREATE TABLE ballot_code (
    code_hash       VARCHAR(64)  PRIMARY KEY,
    appraisal_id    BIGINT       NOT NULL REFERENCES appraisal (id),
    used            BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX ballot_code_appraisal_idx ON ballot_code (appraisal_id);

-- A ballot holds no code, voter, session, address or time finer than the day. One slot per code is made when the
-- appraisal is (each on a page of its own: fill factor 10 and the padding), and a cast fills a slot chosen at random,
-- the new version of the row staying on its page: neither the ids, nor the physical order, nor any column tells the
-- order in which ballots came.
CREATE TABLE ballot (
    id              UUID         PRIMARY KEY,
    appraisal_id    BIGINT       NOT NULL REFERENCES appraisal (id),
    filled          BOOLEAN      NOT NULL DEFAULT FALSE,
    -- a random number given to the empty slot; a cast takes the first empty slot above a random point
    place           DOUBLE PRECISION NOT NULL DEFAULT random(),
    cast_on         DATE,
    team_grade      VARCHAR(12)  CHECK (team_grade IN ('GOOD', 'FAIRLY_GOOD', 'AVERAGE', 'POOR')),
    member_grades   TEXT         NOT NULL DEFAULT '',
    comment         TEXT         NOT NULL DEFAULT '',
    pad             CHAR(600)    NOT NULL DEFAULT ''
) WITH (fillfactor = 10);
CREATE INDEX ballot_appraisal_idx ON ballot (appraisal_id);
CREATE INDEX ballot_empty_idx ON ballot (appraisal_id, place) WHERE NOT filled;

CREATE TABLE grade (
    id              BIGSERIAL PRIMARY KEY,
    cycle_id        BIGINT       NOT NULL REFERENCES assessment_cycle (id),
    -- a cadre's grade, or a team's (the unit's)
    cadre_id        BIGINT       REFERENCES cadre (id),
    unit_id         BIGINT       REFERENCES org_unit (id),
    grade           VARCHAR(20)  NOT NULL CHECK (grade IN ('EXCELLENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT')),
    proposed_by     VARCHAR(64)  NOT NULL,
    proposed_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT grade_subject CHECK ((cadre_id IS NULL) <> (unit_id IS NULL))
);
CREATE UNIQUE INDEX grade_cadre_uk ON grade (cycle_id, cadre_id) WHERE cadre_id IS NOT NULL;
CREATE UNIQUE INDEX grade_unit_uk ON grade (cycle_id, unit_id) WHERE unit_id IS NOT NULL;

-- Signed grades cannot change
CREATE FUNCTION grade_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM assessment_cycle WHERE id = COALESCE(NEW.cycle_id, OLD.cycle_id) AND grades_signed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'the grades of cycle % are signed', COALESCE(NEW.cycle_id, OLD.cycle_id);
    END IF;
    RETURN COALESCE(NEW, OLD);
END
$$;
CREATE TRIGGER grade_frozen BEFORE INSERT OR UPDATE OR DELETE ON grade FOR EACH ROW EXECUTE FUNCTION grade_frozen();

INSERT INTO rule_definition (key, comparison, measure, applies_kind, sort_order) VALUES
    ('assessment.ballots.min',           'AT_LEAST', 'COUNT', 'ALL', 620),
    ('assessment.training.yearsBehind',  'LESS_THAN', 'YEARS', 'ALL', 630),
    ('assessment.incompetent.maxShare',  'AT_MOST',  'SHARE', 'ALL', 640);

INSERT INTO rule_value (rule_key, applies_to, value, denominator, effective_from, source_title, source_article, note, created_by) VALUES
    ('assessment.ballots.min', 'ALL', 5, 1, DATE '2000-01-01', '党政领导干部考核工作条例（2019年）', '', '不少于5张有效票方可统计结果（各地自定）', 'system'),
    ('assessment.training.yearsBehind', 'ALL', 2, 1, DATE '2000-01-01', '干部教育培训工作条例（2023年）', '', '连续两年未完成培训学时的不得评为优秀（本县规定）', 'system'),
    ('assessment.incompetent.maxShare', 'ALL', 1, 3, DATE '2000-01-01', '党政领导干部考核工作条例（2019年）', '', '“不称职”票超过三分之一的不得评为优秀', 'system');

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['assessment_cycle', 'duty_report', 'appraisal', 'ballot', 'grade']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION note_change()', t || '_note_change', t);
    END LOOP;
END
$$;
