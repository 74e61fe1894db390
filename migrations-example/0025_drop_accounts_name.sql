-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- Contract, step 2: drop the old column. DROP COLUMN only marks it dropped (no rewrite)
-- under a brief ACCESS EXCLUSIVE on accounts, and takes its index accounts_name_idx with
-- it; it comes last in the file, so the lock is released at once. The function of 0021
-- is dropped first, locking no table.
DROP FUNCTION accounts_sync_display_name();

-- onlineddl:ignore drop-in-use -- nothing reads or writes name since the release after 0023; this is the contract step of the rename
ALTER TABLE accounts DROP COLUMN name;
