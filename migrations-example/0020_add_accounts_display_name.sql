-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- Renaming accounts.name to display_name, by expand and contract (0020-0025). RENAME
-- COLUMN is instant, but every deployed query that names the old column fails from the
-- moment it commits. So: expand, add the new column (here: nullable, no default, catalog
-- only under a brief ACCESS EXCLUSIVE); keep both in sync (0021); backfill (0022); index
-- and switch the reads (0023); then, once no deployed code uses name, contract (0024-0025).
ALTER TABLE accounts ADD COLUMN display_name text;
