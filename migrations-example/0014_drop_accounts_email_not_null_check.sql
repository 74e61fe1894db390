-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- Step 4: the CHECK is now redundant with NOT NULL; dropping it is catalog only (a brief
-- ACCESS EXCLUSIVE). A file of its own rather than a second statement in 0013, which would
-- keep 0013's lock while it runs; and not a second clause of 0013's ALTER TABLE, where
-- PostgreSQL drops the constraint before SET NOT NULL looks for it, and scans.
ALTER TABLE accounts DROP CONSTRAINT accounts_email_not_null;
