-- The steps of a demo county's load that have committed: a load stopped partway (a kill, a crash) resumes at the
-- first step not recorded, each step being one transaction with its record.
CREATE TABLE demo_load_step (
    prefix   VARCHAR(16) NOT NULL,
    step     VARCHAR(40) NOT NULL,
    done_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (prefix, step)
);
