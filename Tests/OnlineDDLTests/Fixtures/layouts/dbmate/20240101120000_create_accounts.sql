-- migrate:up
CREATE TABLE accounts (id bigint PRIMARY KEY, note text);

-- migrate:down
DROP TABLE accounts;
