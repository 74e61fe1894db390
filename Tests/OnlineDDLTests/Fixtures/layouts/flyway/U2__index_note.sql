DROP INDEX CONCURRENTLY accounts_note_idx;
