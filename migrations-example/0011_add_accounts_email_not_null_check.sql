-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- Step 1 of making email NOT NULL. SET NOT NULL directly would scan all of accounts under
-- ACCESS EXCLUSIVE (no reads, no writes). Instead a CHECK (email IS NOT NULL) NOT VALID:
-- catalog only, a brief ACCESS EXCLUSIVE, no scan; new and updated rows are checked from
-- now on.
ALTER TABLE accounts
    ADD CONSTRAINT accounts_email_not_null CHECK (email IS NOT NULL) NOT VALID;
