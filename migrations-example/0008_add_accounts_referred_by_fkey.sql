-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- NOT VALID: the foreign key is enforced for new and changed rows from now on, but the
-- existing rows are not checked, so the SHARE ROW EXCLUSIVE lock (writes to accounts wait)
-- is held only for the catalog change, not for a scan of the whole table. 0009 checks
-- the existing rows under a weaker lock, in its own transaction.
ALTER TABLE accounts
    ADD CONSTRAINT accounts_referred_by_fkey FOREIGN KEY (referred_by)
    REFERENCES accounts (id) ON DELETE SET NULL NOT VALID;
