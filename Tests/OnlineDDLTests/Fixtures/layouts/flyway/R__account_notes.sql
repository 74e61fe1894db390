CREATE OR REPLACE VIEW account_notes AS SELECT id, note FROM accounts;
