-- Scheduled work that touches the whole database runs on one instance at a time: ShedLock keeps a row per task,
-- locked until the instance running it is done (or the lock's time runs out, should that instance die).
CREATE TABLE shedlock (
    name       varchar(64)  PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);

-- An import job's instance says every few seconds that it still runs it (and how far it has come); a job nobody
-- has spoken for in a minute ended with its instance, and is marked interrupted by whichever instance looks first.
ALTER TABLE import_job ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
