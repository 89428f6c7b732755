-- Imports run in the background: each one's account, file, state, progress and, when done, its report. The file
-- itself is not kept: an import the server did not finish (a restart) is marked interrupted, with nothing written,
-- and is imported again by its owner.
CREATE TABLE import_job (
    id            bigserial PRIMARY KEY,
    username      text        NOT NULL,
    kind          text        NOT NULL,
    page          text        NOT NULL,
    filename      text        NOT NULL,
    size_bytes    bigint      NOT NULL,
    state         text        NOT NULL CHECK (state IN ('RUNNING', 'SUCCEEDED', 'REFUSED', 'FAILED')),
    rows_read     integer     NOT NULL DEFAULT 0,
    rows_checked  integer     NOT NULL DEFAULT 0,
    rows_written  integer     NOT NULL DEFAULT 0,
    report        jsonb,
    failure       text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);

CREATE INDEX import_job_by_owner ON import_job (username, id DESC);
