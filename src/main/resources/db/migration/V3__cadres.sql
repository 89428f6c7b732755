-- Cadres, the posts they hold and the leadership teams they belong to.

CREATE TABLE cadre (
    id               BIGSERIAL PRIMARY KEY,
    cadre_no         VARCHAR(32)  NOT NULL,
    name             VARCHAR(50)  NOT NULL,
    gender           CHAR(1)      NOT NULL CHECK (gender IN ('M', 'F')),
    birth_date       DATE         NOT NULL,
    ethnicity        VARCHAR(30)  NOT NULL DEFAULT '',
    education        VARCHAR(50)  NOT NULL DEFAULT '',
    party_date       DATE,
    rank             VARCHAR(24)  NOT NULL CHECK (rank IN ('COUNTY_PRINCIPAL', 'COUNTY_DEPUTY', 'SECTION_PRINCIPAL',
                                                         'SECTION_DEPUTY', 'STAFF')),
    rank_since       DATE,
    home_unit_id     BIGINT       NOT NULL REFERENCES org_unit (id),
    -- the national ID number: encrypted (AES-GCM), a keyed hash for uniqueness, and the masked form lists show
    id_number_cipher TEXT         NOT NULL,
    id_number_index  CHAR(64)     NOT NULL,
    id_number_masked VARCHAR(18)  NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT cadre_no_uk UNIQUE (cadre_no),
    CONSTRAINT cadre_id_number_uk UNIQUE (id_number_index)
);
CREATE INDEX cadre_home_unit_idx ON cadre (home_unit_id);
CREATE INDEX cadre_rank_idx ON cadre (rank);
CREATE INDEX cadre_name_idx ON cadre (name text_pattern_ops);

CREATE TABLE post (
    id          BIGSERIAL PRIMARY KEY,
    cadre_id    BIGINT       NOT NULL REFERENCES cadre (id),
    unit_id     BIGINT       NOT NULL REFERENCES org_unit (id),
    title       VARCHAR(100) NOT NULL,
    start_date  DATE         NOT NULL,
    end_date    DATE,
    key_post    BOOLEAN      NOT NULL DEFAULT FALSE,
    reason      VARCHAR(24)  NOT NULL DEFAULT 'APPOINTMENT' CHECK (reason IN ('APPOINTMENT', 'PROMOTION', 'EXCHANGE',
                                                                     'TRANSFER', 'ELECTION', 'SECONDMENT', 'OTHER')),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT post_dates CHECK (end_date IS NULL OR end_date >= start_date),
    CONSTRAINT post_uk UNIQUE (cadre_id, unit_id, title, start_date)
);
CREATE INDEX post_cadre_idx ON post (cadre_id);
CREATE INDEX post_unit_idx ON post (unit_id);
CREATE INDEX post_open_idx ON post (cadre_id) WHERE end_date IS NULL;

CREATE TABLE team_membership (
    id          BIGSERIAL PRIMARY KEY,
    cadre_id    BIGINT       NOT NULL REFERENCES cadre (id),
    unit_id     BIGINT       NOT NULL REFERENCES org_unit (id),
    team_role   VARCHAR(24)  NOT NULL CHECK (team_role IN ('SECRETARY', 'DEPUTY_SECRETARY', 'HEAD', 'DEPUTY_HEAD',
                                                          'MEMBER')),
    start_date  DATE         NOT NULL,
    end_date    DATE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT team_membership_dates CHECK (end_date IS NULL OR end_date >= start_date),
    CONSTRAINT team_membership_uk UNIQUE (cadre_id, unit_id, team_role, start_date)
);
CREATE INDEX team_membership_unit_idx ON team_membership (unit_id, start_date);
CREATE INDEX team_membership_cadre_idx ON team_membership (cadre_id);
-- one secretary at a time: at most one open secretary per team (overlaps in history are checked on write)
CREATE UNIQUE INDEX team_one_open_secretary ON team_membership (unit_id) WHERE team_role = 'SECRETARY' AND end_date IS NULL;

-- A team is adjusted on the day a member joins or leaves it: the adjustments are read from the memberships.
CREATE VIEW team_adjustment AS
    SELECT unit_id, start_date AS adjusted_on, cadre_id, 'JOINED' AS change FROM team_membership
    UNION ALL
    SELECT unit_id, end_date AS adjusted_on, cadre_id, 'LEFT' AS change FROM team_membership WHERE end_date IS NOT NULL;
