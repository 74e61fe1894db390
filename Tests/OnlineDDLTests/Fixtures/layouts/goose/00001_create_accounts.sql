-- +goose Up
CREATE TABLE accounts (id int PRIMARY KEY, note text);

-- +goose Down
DROP TABLE accounts;
