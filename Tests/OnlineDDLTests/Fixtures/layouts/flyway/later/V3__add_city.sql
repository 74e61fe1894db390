ALTER TABLE accounts ADD COLUMN city text;
