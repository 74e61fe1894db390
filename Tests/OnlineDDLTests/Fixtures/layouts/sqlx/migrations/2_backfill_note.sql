-- no-transaction
INSERT INTO accounts VALUES (1, NULL);
UPDATE accounts SET note = 'x';
