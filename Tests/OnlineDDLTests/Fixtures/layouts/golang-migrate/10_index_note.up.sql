CREATE INDEX CONCURRENTLY accounts_note_idx ON accounts (note);
