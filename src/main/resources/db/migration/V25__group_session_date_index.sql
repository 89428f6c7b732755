-- The group study sessions of a scope, newest first, read their page along this index and stop after the page's rows,
-- instead of sorting the year's sessions of every team in the scope and counting the attendance of each.
CREATE INDEX group_session_newest_idx ON group_session (session_date DESC, id DESC);
