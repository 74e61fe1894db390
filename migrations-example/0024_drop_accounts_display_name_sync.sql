-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- Contract, step 1. Ship this only once every deployed version reads and writes
-- display_name only (the release after 0023 reads it; the one after that stops writing
-- name). The sync trigger must go before the column it copies into: with name dropped,
-- it would fail every write. DROP TRIGGER takes a brief ACCESS EXCLUSIVE on accounts,
-- alone in this file; the function goes in 0025, which locks no table for it.
DROP TRIGGER accounts_sync_display_name ON accounts;
