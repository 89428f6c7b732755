-- Organizational life: democratic and organizational life meetings with attendance, heart-to-heart talks,
-- rectification items (with their history, evidence and the meetings that checked them again), collective
-- decisions ("three majors, one large") and notification meetings. Owned by the orglife module.

CREATE TABLE life_meeting (
    id                  BIGSERIAL PRIMARY KEY,
    unit_id             BIGINT       NOT NULL REFERENCES org_unit (id),
    kind                VARCHAR(24)  NOT NULL CHECK (kind IN ('DEMOCRATIC_LIFE', 'ORGANIZATIONAL_LIFE')),
    meeting_date        DATE         NOT NULL,
    topic               VARCHAR(300) NOT NULL,
    topic_reported_on   DATE,
    opinions_solicited  INT          NOT NULL DEFAULT 0 CHECK (opinions_solicited >= 0),
    report_submitted_on DATE,
    minutes_filename    VARCHAR(255),
    minutes_type        VARCHAR(100),
    minutes_data        BYTEA,
    created_by          VARCHAR(64)  NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT life_meeting_uk UNIQUE (unit_id, kind, meeting_date),
    CONSTRAINT life_meeting_topic_before CHECK (topic_reported_on IS NULL OR topic_reported_on <= meeting_date),
    CONSTRAINT life_meeting_report_after CHECK (report_submitted_on IS NULL OR report_submitted_on >= meeting_date)
);
CREATE INDEX life_meeting_date_idx ON life_meeting (meeting_date, unit_id);

-- Who was there, who was not and why; the points each member raised (criticism of others, self-criticism)
CREATE TABLE life_meeting_attendance (
    meeting_id          BIGINT       NOT NULL REFERENCES life_meeting (id) ON DELETE CASCADE,
    cadre_id            BIGINT       NOT NULL REFERENCES cadre (id),
    present             BOOLEAN      NOT NULL,
    absence_reason      VARCHAR(200) NOT NULL DEFAULT '',
    criticism_points    INT          NOT NULL DEFAULT 0 CHECK (criticism_points >= 0),
    self_criticism_points INT        NOT NULL DEFAULT 0 CHECK (self_criticism_points >= 0),
    points_text         TEXT         NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, cadre_id)
);
CREATE INDEX life_meeting_attendance_cadre_idx ON life_meeting_attendance (cadre_id);

-- That a talk happened, between whom, and an optional topic: never what was said
CREATE TABLE heart_talk (
    id              BIGSERIAL PRIMARY KEY,
    unit_id         BIGINT       NOT NULL REFERENCES org_unit (id),
    talk_date       DATE         NOT NULL,
    from_cadre_id   BIGINT       NOT NULL REFERENCES cadre (id),
    to_cadre_id     BIGINT       NOT NULL REFERENCES cadre (id),
    topic           VARCHAR(200) NOT NULL DEFAULT '',
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT heart_talk_uk UNIQUE (unit_id, talk_date, from_cadre_id, to_cadre_id),
    CONSTRAINT heart_talk_two CHECK (from_cadre_id <> to_cadre_id)
);
CREATE INDEX heart_talk_unit_date_idx ON heart_talk (unit_id, talk_date);

CREATE TABLE rectification_item (
    id              BIGSERIAL PRIMARY KEY,
    code            VARCHAR(64)  NOT NULL UNIQUE,
    unit_id         BIGINT       NOT NULL REFERENCES org_unit (id),
    source          VARCHAR(24)  NOT NULL CHECK (source IN ('LIFE_MEETING', 'NOTIFICATION_MEETING', 'INSPECTION',
                                                            'TIP_OFF', 'ASSESSMENT', 'OTHER')),
    -- the record it came from, as "<kind>:<id>" (life-meeting:12), or empty
    source_ref      VARCHAR(100) NOT NULL DEFAULT '',
    found_on        DATE         NOT NULL,
    problem         TEXT         NOT NULL,
    measures        TEXT         NOT NULL DEFAULT '',
    owner_cadre_id  BIGINT       NOT NULL REFERENCES cadre (id),
    deadline        DATE         NOT NULL,
    completed_on    DATE,
    completion_note TEXT         NOT NULL DEFAULT '',
    verified_on     DATE,
    verified_by     VARCHAR(64),
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT rectification_deadline CHECK (deadline >= found_on),
    CONSTRAINT rectification_completed CHECK (completed_on IS NULL OR completed_on >= found_on),
    CONSTRAINT rectification_verified CHECK (verified_on IS NULL OR (completed_on IS NOT NULL AND verified_on >= completed_on))
);
CREATE INDEX rectification_item_unit_idx ON rectification_item (unit_id, found_on);
CREATE INDEX rectification_item_owner_idx ON rectification_item (owner_cadre_id);

-- Every step of an item (created, completed, verified, reopened, changed), never overwritten
CREATE TABLE rectification_history (
    id              BIGSERIAL PRIMARY KEY,
    item_id         BIGINT       NOT NULL REFERENCES rectification_item (id) ON DELETE CASCADE,
    action          VARCHAR(16)  NOT NULL CHECK (action IN ('CREATED', 'CHANGED', 'COMPLETED', 'VERIFIED', 'REOPENED')),
    action_on       DATE         NOT NULL,
    actor           VARCHAR(64)  NOT NULL,
    note            TEXT         NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX rectification_history_item_idx ON rectification_history (item_id, id);

CREATE TABLE rectification_evidence (
    id              BIGSERIAL PRIMARY KEY,
    item_id         BIGINT       NOT NULL REFERENCES rectification_item (id) ON DELETE CASCADE,
    filename        VARCHAR(255) NOT NULL,
    content_type    VARCHAR(100) NOT NULL,
    size            BIGINT       NOT NULL,
    data            BYTEA        NOT NULL,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The check-back (回头看): the team's items still open when a life meeting was recorded, recorded with it
CREATE TABLE rectification_review (
    meeting_id      BIGINT       NOT NULL REFERENCES life_meeting (id) ON DELETE CASCADE,
    item_id         BIGINT       NOT NULL REFERENCES rectification_item (id) ON DELETE CASCADE,
    overdue         BOOLEAN      NOT NULL,
    PRIMARY KEY (meeting_id, item_id)
);
CREATE INDEX rectification_review_item_idx ON rectification_review (item_id);

CREATE TABLE collective_decision (
    id              BIGSERIAL PRIMARY KEY,
    unit_id         BIGINT        NOT NULL REFERENCES org_unit (id),
    meeting         VARCHAR(24)   NOT NULL CHECK (meeting IN ('STANDING_COMMITTEE', 'SECRETARY_OFFICE', 'PARTY_GROUP',
                                                              'GOVERNMENT_EXECUTIVE', 'JOINT')),
    decision_date   DATE          NOT NULL,
    category        VARCHAR(16)   NOT NULL CHECK (category IN ('MAJOR_DECISION', 'APPOINTMENT', 'MAJOR_PROJECT', 'LARGE_FUND')),
    matter          VARCHAR(500)  NOT NULL,
    expected        INT           NOT NULL CHECK (expected > 0),
    present         INT           NOT NULL CHECK (present >= 0),
    votes_for       INT           NOT NULL CHECK (votes_for >= 0),
    votes_against   INT           NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
    abstentions     INT           NOT NULL DEFAULT 0 CHECK (abstentions >= 0),
    dissent         TEXT          NOT NULL DEFAULT '',
    amount          NUMERIC(18, 2) CHECK (amount IS NULL OR amount >= 0),
    created_by      VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT collective_decision_uk UNIQUE (unit_id, decision_date, matter),
    CONSTRAINT collective_decision_present CHECK (present <= expected),
    CONSTRAINT collective_decision_votes CHECK (votes_for + votes_against + abstentions <= present)
);
CREATE INDEX collective_decision_date_idx ON collective_decision (decision_date, unit_id);

-- The cadres an appointment decision names
CREATE TABLE decision_cadre (
    decision_id     BIGINT NOT NULL REFERENCES collective_decision (id) ON DELETE CASCADE,
    cadre_id        BIGINT NOT NULL REFERENCES cadre (id),
    PRIMARY KEY (decision_id, cadre_id)
);
CREATE INDEX decision_cadre_cadre_idx ON decision_cadre (cadre_id);

CREATE TABLE notification_meeting (
    id              BIGSERIAL PRIMARY KEY,
    unit_id         BIGINT        NOT NULL REFERENCES org_unit (id),
    meeting_date    DATE          NOT NULL,
    -- DEPUTIES, CPPCC, VETERANS, MASSES, separated by ';'
    audiences       VARCHAR(100)  NOT NULL,
    attendance      INT           NOT NULL CHECK (attendance >= 0),
    opinions        TEXT          NOT NULL DEFAULT '',
    created_by      VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT notification_meeting_uk UNIQUE (unit_id, meeting_date)
);

-- Rules of organizational life that were not yet in V2 (see DOMAIN.md, "Rules the system applies")
INSERT INTO rule_definition (key, comparison, measure, applies_kind, sort_order) VALUES
    ('lifeMeeting.report.daysAfter',      'AT_MOST',   'DAYS',  'ALL', 440),
    ('decision.quorum.share',             'MORE_THAN', 'SHARE', 'ALL', 450),
    ('decision.quorum.appointment.share', 'AT_LEAST',  'SHARE', 'ALL', 455),
    ('decision.pass.share',               'MORE_THAN', 'SHARE', 'ALL', 460),
    ('decision.appointment.daysBefore',   'AT_MOST',   'DAYS',  'ALL', 470),
    ('rectification.overdue.days',        'AT_MOST',   'DAYS',  'ALL', 475),
    ('rectification.checkBacks.max',      'AT_MOST',   'COUNT', 'ALL', 480);

INSERT INTO rule_value (rule_key, applies_to, value, denominator, effective_from, source_title, source_article, note, created_by) VALUES
    ('lifeMeeting.report.daysAfter', 'ALL', 15, 1, DATE '2000-01-01', '县以上党和国家机关党员领导干部民主生活会若干规定（2016年）', '', '会后15日内向上级报告', 'system'),
    ('decision.quorum.share', 'ALL', 1, 2, DATE '2000-01-01', '县委工作规则（议事规则）', '', '讨论决定事项须半数以上成员到会', 'system'),
    ('decision.quorum.appointment.share', 'ALL', 2, 3, DATE '2000-01-01', '党政领导干部选拔任用工作条例', '第三十六条', '讨论决定干部任免须三分之二以上成员到会', 'system'),
    ('decision.pass.share', 'ALL', 1, 2, DATE '2000-01-01', '县委工作规则（议事规则）', '', '以应到会成员超过半数同意形成决定', 'system'),
    ('decision.appointment.daysBefore', 'ALL', 180, 1, DATE '2000-01-01', '县委工作规则（议事规则）', '', '任职前180日内作出任免决定', 'system'),
    ('rectification.overdue.days', 'ALL', 0, 1, DATE '2000-01-01', '县以上党和国家机关党员领导干部民主生活会若干规定（2016年）', '', '整改事项明确责任人和完成时限，按期完成', 'system'),
    ('rectification.checkBacks.max', 'ALL', 1, 1, DATE '2000-01-01', '县以上党和国家机关党员领导干部民主生活会若干规定（2016年）', '', '未完成的整改事项在下次民主生活会上“回头看”；再次“回头看”仍未完成即为问题', 'system');

-- Writes count in change_stamp like the other records (ADR 0008)
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['life_meeting', 'life_meeting_attendance', 'heart_talk', 'rectification_item',
            'rectification_history', 'rectification_review', 'collective_decision', 'decision_cadre', 'notification_meeting']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION note_change()', t || '_note_change', t);
    END LOOP;
END
$$;
