-- migrate:up transaction:false
UPDATE accounts SET note = '' WHERE note IS NULL AND id < 1000;
UPDATE accounts SET note = '' WHERE note IS NULL;

-- migrate:down
UPDATE accounts SET note = NULL WHERE note = '';
