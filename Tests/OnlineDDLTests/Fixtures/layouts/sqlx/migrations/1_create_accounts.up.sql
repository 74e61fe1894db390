CREATE TABLE accounts (id int PRIMARY KEY, note text);
