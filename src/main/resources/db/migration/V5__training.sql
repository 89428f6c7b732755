-- Training: party-school classes, their stages (rotation training), enrolments with absences, certificates.

CREATE TABLE training_class (
    id                  BIGSERIAL PRIMARY KEY,
    code                VARCHAR(64)   NOT NULL,
    title               VARCHAR(200)  NOT NULL,
    organizer_unit_id   BIGINT        NOT NULL REFERENCES org_unit (id),
    category            VARCHAR(24)   NOT NULL CHECK (category IN ('PARTY_SCHOOL_CLASS', 'ROTATION', 'SPECIAL_TOPIC',
                                                                 'ONLINE', 'SENT_UPWARD')),
    start_date          DATE          NOT NULL,
    end_date            DATE          NOT NULL,
    class_hours         NUMERIC(7, 1) NOT NULL CHECK (class_hours > 0),
    -- the target group: ranks and unit types, comma-separated codes; empty: everyone
    target_ranks        VARCHAR(200)  NOT NULL DEFAULT '',
    target_unit_types   VARCHAR(200)  NOT NULL DEFAULT '',
    created_by          VARCHAR(64)   NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT training_class_code_uk UNIQUE (code),
    CONSTRAINT training_class_dates CHECK (end_date >= start_date)
);
CREATE INDEX training_class_dates_idx ON training_class (start_date, end_date);
CREATE INDEX training_class_organizer_idx ON training_class (organizer_unit_id);

CREATE TABLE training_stage (
    id          BIGSERIAL PRIMARY KEY,
    class_id    BIGINT       NOT NULL REFERENCES training_class (id) ON DELETE CASCADE,
    stage_no    INT          NOT NULL CHECK (stage_no > 0),
    title       VARCHAR(200) NOT NULL,
    start_date  DATE         NOT NULL,
    end_date    DATE         NOT NULL,
    CONSTRAINT training_stage_uk UNIQUE (class_id, stage_no),
    CONSTRAINT training_stage_dates CHECK (end_date >= start_date)
);

CREATE TABLE enrolment (
    id            BIGSERIAL PRIMARY KEY,
    class_id      BIGINT        NOT NULL REFERENCES training_class (id),
    cadre_id      BIGINT        NOT NULL REFERENCES cadre (id),
    stage_no      INT,
    absent_hours  NUMERIC(7, 1) NOT NULL DEFAULT 0 CHECK (absent_hours >= 0),
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT enrolment_uk UNIQUE (class_id, cadre_id)
);
CREATE INDEX enrolment_cadre_idx ON enrolment (cadre_id) INCLUDE (class_id, absent_hours);

CREATE TABLE training_certificate (
    enrolment_id  BIGINT       PRIMARY KEY REFERENCES enrolment (id),
    number        VARCHAR(80)  NOT NULL,
    issued_on     DATE         NOT NULL,
    CONSTRAINT training_certificate_number_uk UNIQUE (number)
);
