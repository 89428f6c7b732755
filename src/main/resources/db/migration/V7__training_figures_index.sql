-- Training statistics join every completion to its cadre's rank: a covering index lets a province's million
-- completions read ranks from the index alone (the province's statistics went from 2.6 s to 1.8 s in SQL).
CREATE INDEX IF NOT EXISTS cadre_id_rank_idx ON cadre (id) INCLUDE (rank);
