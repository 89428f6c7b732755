-- Integrity and self-discipline: personal matters reports and their checks, wedding and funeral filings (with the
-- county's holiday calendar for working days), and tip-offs. Owned by the integrity module. Contents are encrypted
-- by the application (FieldCipher) before they reach these tables.

CREATE TABLE personal_matters_report (
    id              BIGSERIAL PRIMARY KEY,
    cadre_id        BIGINT       NOT NULL REFERENCES cadre (id),
    -- the year reported on (an annual report) or the year the cadre reached the rank (a new cadre's report)
    year            INT          NOT NULL CHECK (year BETWEEN 1949 AND 9999),
    kind            VARCHAR(8)   NOT NULL CHECK (kind IN ('ANNUAL', 'NEW')),
    filed_on        DATE         NOT NULL,
    source          VARCHAR(8)   NOT NULL CHECK (source IN ('FORM', 'PAPER')),
    content_cipher  TEXT,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT personal_matters_report_uk UNIQUE (cadre_id, year, kind)
);
CREATE INDEX personal_matters_report_year_idx ON personal_matters_report (year, filed_on);

CREATE TABLE personal_matters_check (
    id              BIGSERIAL PRIMARY KEY,
    year            INT          NOT NULL,
    cadre_id        BIGINT       NOT NULL REFERENCES cadre (id),
    reason          VARCHAR(12)  NOT NULL CHECK (reason IN ('RANDOM', 'PROMOTION')),
    seed            BIGINT,
    drawn_on        DATE         NOT NULL,
    outcome         VARCHAR(12)  CHECK (outcome IN ('TRUTHFUL', 'OMISSION', 'CONCEALMENT')),
    handling_cipher TEXT,
    outcome_on      DATE,
    recorded_by     VARCHAR(64),
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT personal_matters_check_uk UNIQUE (year, cadre_id),
    CONSTRAINT personal_matters_check_outcome CHECK ((outcome IS NULL) = (outcome_on IS NULL))
);

-- The county's calendar: public holidays, and weekend days worked instead (调休)
CREATE TABLE holiday (
    day             DATE         PRIMARY KEY,
    kind            VARCHAR(8)   NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
    name            VARCHAR(100) NOT NULL DEFAULT '',
    source_title    VARCHAR(300) NOT NULL DEFAULT '',
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE event_filing (
    id              BIGSERIAL PRIMARY KEY,
    code            VARCHAR(64)  NOT NULL UNIQUE,
    cadre_id        BIGINT       NOT NULL REFERENCES cadre (id),
    kind            VARCHAR(8)   NOT NULL CHECK (kind IN ('WEDDING', 'FUNERAL', 'OTHER')),
    event_date      DATE         NOT NULL,
    reported_before DATE,
    reported_after  DATE,
    guests          INT          CHECK (guests IS NULL OR guests >= 0),
    tables          INT          CHECK (tables IS NULL OR tables >= 0),
    cars            INT          CHECK (cars IS NULL OR cars >= 0),
    official_cars   INT          CHECK (official_cars IS NULL OR official_cars >= 0),
    gifts_cipher    TEXT,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT event_filing_before CHECK (reported_before IS NULL OR reported_before <= event_date),
    CONSTRAINT event_filing_after CHECK (reported_after IS NULL OR reported_after >= event_date)
);
CREATE INDEX event_filing_date_idx ON event_filing (event_date);
CREATE INDEX event_filing_cadre_idx ON event_filing (cadre_id);

-- A tip-off is the inspector's alone: its summary, the informant and the handling are encrypted
CREATE TABLE tipoff (
    id              BIGSERIAL PRIMARY KEY,
    received_on     DATE         NOT NULL,
    channel         VARCHAR(12)  NOT NULL CHECK (channel IN ('LETTER', 'VISIT', 'PHONE', 'ONLINE', 'OTHER')),
    about_cadre_id  BIGINT       REFERENCES cadre (id),
    about_unit_id   BIGINT       NOT NULL REFERENCES org_unit (id),
    summary_cipher  TEXT         NOT NULL,
    informant_cipher TEXT,
    handler         VARCHAR(100) NOT NULL DEFAULT '',
    deadline        DATE         NOT NULL,
    outcome         VARCHAR(16)  CHECK (outcome IN ('UNFOUNDED', 'PARTLY', 'SUBSTANTIATED')),
    handling_cipher TEXT,
    closed_on       DATE,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT tipoff_deadline CHECK (deadline >= received_on),
    CONSTRAINT tipoff_closed CHECK ((outcome IS NULL) = (closed_on IS NULL) AND (closed_on IS NULL OR closed_on >= received_on))
);
CREATE INDEX tipoff_received_idx ON tipoff (received_on);

-- A rank as a rule's value: 1 staff, 2 section deputy, 3 section principal, 4 county deputy, 5 county principal
ALTER TABLE rule_definition DROP CONSTRAINT rule_definition_measure_check;
ALTER TABLE rule_definition ADD CONSTRAINT rule_definition_measure_check CHECK (measure IN ('SESSIONS', 'HOURS', 'CHARACTERS',
    'YEARS', 'DAYS', 'WORKING_DAYS', 'SHARE', 'MONTH_DAY', 'COUNT', 'PERSONS', 'TERMS', 'RANK'));

INSERT INTO rule_definition (key, comparison, measure, applies_kind, sort_order) VALUES
    ('personalMatters.ranks',          'AT_LEAST', 'RANK',  'ALL', 305),
    ('wedding.tables.max',             'AT_MOST',  'COUNT', 'ALL', 540),
    ('funeral.report.daysAfter',       'AT_MOST',  'DAYS',  'ALL', 550),
    ('event.officialCars.max',         'AT_MOST',  'COUNT', 'ALL', 560),
    ('tipoff.handling.days',           'AT_MOST',  'DAYS',  'ALL', 570),
    ('rectification.fromFinding.days', 'AT_MOST',  'DAYS',  'ALL', 490);

INSERT INTO rule_value (rule_key, applies_to, value, denominator, effective_from, source_title, source_article, note, created_by) VALUES
    ('personalMatters.ranks', 'ALL', 4, 1, DATE '2000-01-01', '领导干部报告个人有关事项规定（2017年）', '第二条', '副县级（4）及以上领导干部报告；各地可扩大到副科级（2）', 'system'),
    ('personalMatters.deadline', 'SECTION_LEVEL_AND_BELOW', 131, 1, DATE '2000-01-01', '领导干部报告个人有关事项规定（2017年）', '', '扩大报告范围时同样于1月31日前报告', 'system'),
    ('personalMatters.newCadre.days', 'SECTION_LEVEL_AND_BELOW', 30, 1, DATE '2000-01-01', '领导干部报告个人有关事项规定（2017年）', '', '新任职30日内报告', 'system'),
    ('wedding.tables.max', 'ALL', 20, 1, DATE '2000-01-01', '本县操办婚丧喜庆事宜规定', '', '不超过20桌', 'system'),
    ('funeral.report.daysAfter', 'ALL', 7, 1, DATE '2000-01-01', '本县操办婚丧喜庆事宜规定', '', '丧事事后7日内报告', 'system'),
    ('event.officialCars.max', 'ALL', 0, 1, DATE '2000-01-01', '中国共产党纪律处分条例', '', '不得使用公车', 'system'),
    ('tipoff.handling.days', 'ALL', 90, 1, DATE '2000-01-01', '纪检监察机关处理检举控告工作规则（2020年）', '', '本县规定90日内办结（各地自定）', 'system'),
    ('rectification.fromFinding.days', 'ALL', 90, 1, DATE '2000-01-01', '县以上党和国家机关党员领导干部民主生活会若干规定（2016年）', '', '查实问题立项整改，90日内完成', 'system');

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['personal_matters_report', 'personal_matters_check', 'holiday', 'event_filing', 'tipoff']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION note_change()', t || '_note_change', t);
    END LOOP;
END
$$;
