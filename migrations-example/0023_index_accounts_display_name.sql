-- The release after this migration reads (and searches by) display_name instead of name,
-- so display_name needs the index that name has. Built concurrently, after the backfill
-- (fewer index updates), under SHARE UPDATE EXCLUSIVE: reads and writes go on. Alone in
-- its file because CONCURRENTLY cannot run in a transaction block; dropping a leftover
-- INVALID index of a failed earlier attempt first makes it safe to run again.
DROP INDEX CONCURRENTLY IF EXISTS accounts_display_name_idx;

CREATE INDEX CONCURRENTLY accounts_display_name_idx ON accounts (display_name);
