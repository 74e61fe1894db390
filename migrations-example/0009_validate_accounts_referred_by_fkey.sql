-- VALIDATE CONSTRAINT scans accounts under SHARE UPDATE EXCLUSIVE (plus ROW SHARE on the
-- referenced table), which lets reads and writes go on. It must be a separate file:
-- in the transaction of 0008 the scan would run under that file's SHARE ROW EXCLUSIVE.
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_referred_by_fkey;
