-- Theoretical study: annual plans, central-group sessions with attendance, self-study and study notes.

CREATE TABLE study_plan_item (
    id              BIGSERIAL PRIMARY KEY,
    unit_id         BIGINT       NOT NULL REFERENCES org_unit (id),
    year            INT          NOT NULL CHECK (year BETWEEN 1949 AND 9999),
    month           INT          NOT NULL CHECK (month BETWEEN 1 AND 12),
    topic           VARCHAR(200) NOT NULL,
    central_content TEXT         NOT NULL DEFAULT '',
    speaker         VARCHAR(100) NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX study_plan_item_unit_year_idx ON study_plan_item (unit_id, year, month);

CREATE TABLE group_session (
    id              BIGSERIAL PRIMARY KEY,
    unit_id         BIGINT        NOT NULL REFERENCES org_unit (id),
    session_date    DATE          NOT NULL,
    topic           VARCHAR(200)  NOT NULL,
    central_content TEXT          NOT NULL DEFAULT '',
    speaker         VARCHAR(100)  NOT NULL DEFAULT '',
    hours           NUMERIC(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
    created_by      VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT group_session_uk UNIQUE (unit_id, session_date, topic)
);
CREATE INDEX group_session_date_idx ON group_session (session_date, unit_id);

CREATE TABLE group_session_attendance (
    session_id      BIGINT       NOT NULL REFERENCES group_session (id) ON DELETE CASCADE,
    cadre_id        BIGINT       NOT NULL REFERENCES cadre (id),
    present         BOOLEAN      NOT NULL,
    absence_reason  VARCHAR(200) NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, cadre_id)
);
CREATE INDEX group_session_attendance_cadre_idx ON group_session_attendance (cadre_id);

CREATE TABLE group_session_material (
    id              BIGSERIAL PRIMARY KEY,
    session_id      BIGINT       NOT NULL REFERENCES group_session (id) ON DELETE CASCADE,
    filename        VARCHAR(255) NOT NULL,
    content_type    VARCHAR(100) NOT NULL,
    size            BIGINT       NOT NULL,
    data            BYTEA        NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE self_study (
    id              BIGSERIAL PRIMARY KEY,
    cadre_id        BIGINT        NOT NULL REFERENCES cadre (id),
    study_date      DATE          NOT NULL,
    hours           NUMERIC(4, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
    material        VARCHAR(300)  NOT NULL,
    check_status    VARCHAR(12)   NOT NULL DEFAULT 'UNCHECKED' CHECK (check_status IN ('UNCHECKED', 'CHECKED', 'QUESTIONED')),
    checked_by      VARCHAR(64),
    checked_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT self_study_uk UNIQUE (cadre_id, study_date, material)
);
CREATE INDEX self_study_cadre_date_idx ON self_study (cadre_id, study_date) INCLUDE (hours);

CREATE TABLE study_note (
    id              BIGSERIAL PRIMARY KEY,
    cadre_id        BIGINT        NOT NULL REFERENCES cadre (id),
    note_date       DATE          NOT NULL,
    title           VARCHAR(200)  NOT NULL,
    content         TEXT          NOT NULL,
    characters      INT           NOT NULL CHECK (characters > 0),
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT study_note_uk UNIQUE (cadre_id, note_date, title)
);
CREATE INDEX study_note_cadre_date_idx ON study_note (cadre_id, note_date) INCLUDE (characters);
