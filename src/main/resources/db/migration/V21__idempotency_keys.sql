-- The first answer to an API write sent with an Idempotency-Key, kept 24 hours so that a retry after a lost answer
-- gets that answer again and writes nothing twice. A key is the account's own: two accounts may use the same one.
CREATE TABLE idempotency_key (
    username      text        NOT NULL,
    key           text        NOT NULL,
    fingerprint   text        NOT NULL,
    completed     boolean     NOT NULL DEFAULT false,
    status        integer,
    content_type  text,
    location      text,
    body          bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (username, key)
);

CREATE INDEX idempotency_key_by_age ON idempotency_key (created_at);
