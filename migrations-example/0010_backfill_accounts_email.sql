-- onlineddl:no-transaction
-- onlineddl:statement-timeout=5m
-- Backfill before enforcing NOT NULL (0011-0014): guest accounts get a placeholder address
-- in the reserved .invalid domain. Since the release before this migration the app no longer
-- creates accounts without an email, so no new NULLs appear.
-- One UPDATE over the whole table would lock every row it changes until it commits and
-- leave all the dead row versions for one vacuum. no-transaction runs each statement in
-- its own transaction instead: each batch commits, releases its row locks and holds them
-- for a short time only (a DO loop would be a single transaction). The ranges follow the
-- primary key, so each batch is an index range scan; sized for the demo data (10,000
-- accounts); the last one takes every newer account, which has an email anyway.
UPDATE accounts SET email = 'guest-' || id || '@guest.invalid'
    WHERE id BETWEEN 1 AND 2500 AND email IS NULL;
UPDATE accounts SET email = 'guest-' || id || '@guest.invalid'
    WHERE id BETWEEN 2501 AND 5000 AND email IS NULL;
UPDATE accounts SET email = 'guest-' || id || '@guest.invalid'
    WHERE id BETWEEN 5001 AND 7500 AND email IS NULL;
UPDATE accounts SET email = 'guest-' || id || '@guest.invalid'
    WHERE id BETWEEN 7501 AND 10000 AND email IS NULL;
UPDATE accounts SET email = 'guest-' || id || '@guest.invalid'
    WHERE id > 10000 AND email IS NULL;
