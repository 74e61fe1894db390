-- +goose NO TRANSACTION
-- +goose Up
INSERT INTO accounts VALUES (1, NULL);
UPDATE accounts SET note = 'x';

-- +goose Down
DELETE FROM accounts;
