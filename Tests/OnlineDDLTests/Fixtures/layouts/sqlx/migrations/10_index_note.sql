CREATE INDEX accounts_note ON accounts (note);
