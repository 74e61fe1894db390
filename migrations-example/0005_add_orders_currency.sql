-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- A column with a constant default: since PostgreSQL 11 the default is stored in the
-- catalog and existing rows read it from there, so there is no table rewrite. ALTER TABLE
-- still takes ACCESS EXCLUSIVE on orders for that brief catalog change: the lock timeout
-- keeps it from queueing behind a long transaction (and stalling every query queued
-- behind it); onlineddl retries instead. The statement is alone in its file so the lock
-- is released at once. A volatile default (now(), random()) would rewrite the table.
ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';
