-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- Step 3: since PostgreSQL 12, SET NOT NULL skips its full-table scan when a valid CHECK
-- proves the column has no NULLs (the one validated in 0012), so the ACCESS EXCLUSIVE lock
-- lasts only for the catalog change. Alone in its file: the lock is released at once.
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
