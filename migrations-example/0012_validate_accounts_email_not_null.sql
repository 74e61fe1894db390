-- Step 2: VALIDATE scans accounts under SHARE UPDATE EXCLUSIVE; reads and writes go on.
-- A separate file, so the scan does not run under 0011's ACCESS EXCLUSIVE. If a NULL is
-- left (the backfill of 0010 missed a row), it fails without harm: backfill, run again.
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_not_null;
