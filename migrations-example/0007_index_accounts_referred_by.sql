-- CREATE INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE, so reads and writes on
-- accounts go on during the build (plain CREATE INDEX would block writes throughout).
-- It cannot run in a transaction block, so this file holds nothing else: onlineddl runs
-- it statement by statement. A failed concurrent build leaves an INVALID index behind,
-- which IF NOT EXISTS would then silently accept; dropping it first (also concurrently)
-- makes the file safe to run again. The index serves the foreign key of 0008: deleting
-- an account looks up the accounts it referred.
DROP INDEX CONCURRENTLY IF EXISTS accounts_referred_by_idx;

CREATE INDEX CONCURRENTLY accounts_referred_by_idx ON accounts (referred_by);
